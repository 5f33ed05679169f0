#!/usr/bin/env python3
"""Seeded generator of a synthetic township for the Gongkai-vs-Hugo benchmark.

Usage: gen.py OUT_DIR N [--seed S]

Writes the SAME N notices twice:
  OUT_DIR/Content/  in Gongkai's format (site.yaml, villages/, notices/<board>/<year>/*.md,
                    ledgers, budgets, 债权债务 registers, rosters, 四议两公开 decision records)
  OUT_DIR/hugo/     as a Hugo site (content with front matter, the finance/roster data under data/,
                    minimal list/single/taxonomy templates with pagination, RSS)
and OUT_DIR/edit-target, the notice that bench/run.sh edits for the one-edit rebuild.

30 villages plus the township board, 2015-2026 (the build date is 2026-11-30). Per village board:
about 35% 财务 (monthly ledgers that chain, yearly budgets and 债权债务 registers, 专项资金 notices
with tables), 40% 村务 (roster 公示 with a 7-day window, 四议两公开 decisions each with a
resolution and a result notice, other notices), 25% 党务. The township board gets 4% of the
notices (政务, 党务, 财务). A notice file is 2-3 KB of Chinese text built from phrase pools.
Nothing in the text looks like an ID, mobile or bank-card number: the longest digit runs are
amounts and fixed-line numbers (0771-58xxxxx). Rosters list names (姓某某), 屯, household sizes
and amounts: no ID or phone columns, so that no plausible real number is ever made up.
The same N and seed always give byte-identical output.
"""
import json
import os
import random
import shutil
import sys
from datetime import date, timedelta

BUILD_DATE = date(2026, 11, 30)
LAST_DAY = date(2026, 11, 28)
FIRST_DAY = date(2015, 1, 5)

VILLAGES = [
    ("shiqiao", "石桥"), ("longtan", "龙潭"), ("baisha", "白沙"), ("nalan", "那兰"), ("yaoshan", "瑶山"),
    ("xinfeng", "新丰"), ("gulou", "古楼"), ("liuxi", "柳溪"), ("napo", "那坡"), ("banlie", "板烈"),
    ("liuhe", "六合"), ("shangling", "上岭"), ("nalu", "那禄"), ("dutou", "渡头"), ("pojiang", "坡江"),
    ("huangpo", "黄坡"), ("nahong", "那洪"), ("qingshui", "清水"), ("dongcun", "东村"), ("xicun", "西村"),
    ("lingtou", "岭头"), ("jiangkou", "江口"), ("tangbian", "塘边"), ("shanjiao", "山脚"), ("dalong", "大垄"),
    ("xiaolong", "小垄"), ("pingan", "平安"), ("fumin", "富民"), ("hemei", "和美"), ("yongfeng", "永丰"),
]
TUN_SYL = list("那板六上下新东西南北大小石坡岭塘江河平福禄洪弄陇谷")
TUN_END = list("屯寨坡垌")
SURNAMES = list("韦黄覃陆莫蓝梁罗李陈农卢潘蒙廖谭欧杨何吴")
GIVEN = list("建国丽华秀梅海燕志强德明小燕文昌春兰丽萍振兴玉珍永生光明金莲荣光宗仁凤莲仕林家旺保平广生继业培源远航顺正权景福雪")
TOWNSHIP = "基准镇"
COUNTY = "云岭县"
TEL_PREFIX = "0771-58"

CATS = {  # key: (name, short)
    "dangwu": ("党务公开", "党务"),
    "cunwu": ("村务公开", "村务"),
    "caiwu": ("财务公开", "财务"),
    "zhengwu": ("政务公开", "政务"),
}
INCOME = [("经营收入", "收取{coop}{thing}租金", 500000, 3000000), ("补助收入", "收到镇财政所拨付{period}村级组织运转经费", 1200000, 2400000),
          ("投资收益", "收到{coop}入股分红", 300000, 1600000), ("其他收入", "收到{tun}群众自愿捐款（修缮{thing}）", 20000, 300000)]
EXPENSE = [("管理费用", "支付村委会{month}电费、宽带费", 30000, 90000), ("管理费用", "购买办公用品（打印纸、墨盒）", 20000, 80000),
           ("公益支出", "支付{month}村道保洁员工资", 120000, 200000), ("公益支出", "走访慰问{tun}困难群众{n}户", 60000, 300000),
           ("公益支出", "修补{tun}饮水管道，购买水管、接头", 50000, 500000), ("经营支出", "{thing}日常维修", 40000, 400000),
           ("其他支出", "银行转账手续费", 500, 3000)]
COOPS = ["禾丰果蔬种植专业合作社", "板烈肉牛养殖合作社", "桂香八角种植专业合作社", "青山林业专业合作社", "绿源沃柑种植合作社"]
THINGS = ["冷链仓储中心", "村集体鱼塘", "农贸市场铺面", "烤烟房", "村部一楼门面", "集体林地", "晒谷场"]
PROJECTS = ["道路硬化", "饮水工程改造", "排灌沟渠防渗", "文化室修缮", "太阳能路灯安装", "篮球场建设", "桥梁加固", "风雨亭修建"]
PROJECT_SLUGS = ["daolu", "yinshui", "qudao", "wenhuashi", "ludeng", "lanqiuchang", "qiaoliang", "fengyuting"]
ROSTER_KINDS = [("dibao", "农村最低生活保障对象", "低保", "月保障金（元）", 26000, 60000),
                ("tekun", "特困人员救助供养对象", "特困", "月供养金（元）", 50000, 80000),
                ("canji", "困难残疾人生活补贴和重度残疾人护理补贴对象", "残疾人两项补贴", "月补贴（元）", 7000, 15000),
                ("gengdi", "耕地地力保护补贴发放", "惠农补贴", "补贴金额（元）", 10000, 400000),
                ("linshi", "临时救助对象", "救助", "救助金额（元）", 50000, 300000)]


def money(fen):
    s = f"{abs(fen) // 100:,}.{abs(fen) % 100:02d}"
    return "-" + s if fen < 0 else s


def yq(s):
    """A YAML scalar: plain when safe, else a JSON (= YAML double-quoted) string."""
    if s == "" or any(c in s for c in ":#,[]{}&*!|>'\"%@`") or s[0] in "-?" or s != s.strip():
        return json.dumps(s, ensure_ascii=False)
    return s


def quarter(d):
    return (d.month - 1) // 3 + 1


def qlabel(d):
    return f"{d.year}年第{'一二三四'[quarter(d) - 1]}季度"


class Gen:
    def __init__(self, n, seed):
        self.n = n
        self.r = random.Random(seed)
        self.notices = []      # dicts, see notice()
        self.data = []         # (content-relative path, text, hugo data path, hugo data text)
        self.decisions = []    # dicts
        self.slugs = set()
        self.numbers = {}      # (board, category, year) -> last 文号 serial (unique per board, as gongkai checks)

    # ---- small helpers
    def name(self):
        r = self.r
        return r.choice(SURNAMES) + "".join(r.choice(GIVEN) for _ in range(r.choice((1, 2, 2))))

    def masked_name(self):
        return self.r.choice(SURNAMES) + "某" + self.r.choice(GIVEN)

    def day_between(self, a, b):
        return a + timedelta(days=self.r.randrange((b - a).days + 1))

    def slug(self, board, base):
        s, k = base, 2
        while (board, s) in self.slugs:
            s, k = f"{base}-{k}", k + 1
        self.slugs.add((board, s))
        return s

    def fill(self, text, v, month=None):
        r = self.r
        return text.format(village=v["name"], tun=r.choice(v["tuns"]), name=self.name(), coop=r.choice(COOPS),
                           thing=r.choice(THINGS), project=r.choice(PROJECTS), n=r.randrange(2, 40),
                           amount=money(r.randrange(50000, 30000000)), month=month or f"{r.randrange(1, 13)}月",
                           period="本季度", pct=r.randrange(60, 100), tel=v["tel"], sup=v["sup"])

    # ---- text pools: a body is an opening, 3-4 titled sections of 2-4 sentences and a closing
    OPEN = {
        "cunwu": ["根据《中华人民共和国村民委员会组织法》和镇党委、镇政府关于村务公开的要求，经村务监督委员会审核，现将{village}村有关事项公开如下。",
                  "为进一步规范村级事务管理，保障村民的知情权、参与权、表达权和监督权，现将本村近期村务工作情况予以公开，请广大村民监督。"],
        "caiwu": ["根据《中华人民共和国村民委员会组织法》和镇党委、镇政府关于村级财务公开的要求，经村务监督委员会审核，现将本村财务情况公开如下。",
                  "为加强村级集体资金、资产、资源管理，现将{village}村集体经济收支情况予以公开，接受全体村民监督。"],
        "dangwu": ["根据《中国共产党党务公开条例（试行）》和镇党委的部署，现将{village}村党支部本期党务工作情况公开如下。",
                   "为加强基层党组织建设，保障党员的知情权、参与权、选举权和监督权，现将本支部党务工作情况予以公开。"],
        "zhengwu": ["根据《中华人民共和国政府信息公开条例》，现将{village}有关政务信息公开如下，欢迎群众监督。",
                    "为推进基层政务公开标准化规范化，现将镇人民政府近期重点工作情况公开如下。"],
    }
    HEADS = {
        "cunwu": ["基本情况", "办理经过", "群众意见", "下一步工作", "有关说明", "资金安排"],
        "caiwu": ["收支情况", "有关说明", "资金使用", "资产管理", "审核意见", "下一步安排"],
        "dangwu": ["党员队伍情况", "组织生活", "党费收缴", "发展党员", "学习教育", "为民办事"],
        "zhengwu": ["工作进展", "资金使用", "项目安排", "办理情况", "群众反映问题处理", "下一步计划"],
    }
    SENT = {
        "common": ["群众对公开内容有疑问的，可在公开之日起10日内向村务监督委员会反映，监督电话{tel}。",
                   "今年以来，本村{project}、{thing}改造等重点工作有序推进，完成年度计划的{pct}%。",
                   "{name}等{n}名群众反映{tun}{thing}维修问题，村委会已组织人员现场查看并安排维修。"],
        "cunwu": ["{month}，村“两委”召开联席会议，研究{project}项目实施方案，村务监督委员会主任{sup}列席会议。",
                  "{tun}共有{n}户群众参加户代表会议，对方案提出修改意见，村委会逐条作了答复。",
                  "项目总投资{amount}元，其中申请财政奖补资金，其余由村集体经营收入和受益群众筹资解决。",
                  "施工过程中，{tun}推选群众义务监督员{n}名，全程参与质量监督和资金使用监督。",
                  "本期共召开村民代表会议{n}次，研究{thing}出租、{project}等事项，决议均按程序公开。",
                  "按照“四议两公开”程序，本事项经村党支部提议、村“两委”商议、党员大会审议、村民代表会议决议。"],
        "caiwu": ["{coop}按合同约定按时交纳租金，村集体收入稳定增长，今年预计增收{amount}元。",
                  "经核对，账面余额与银行对账单一致，库存现金日清月结，账实相符。",
                  "村集体资产实行台账管理，{thing}等经营性资产均签订书面合同，并报镇农村经营管理站备案。",
                  "{project}项目支出{amount}元，凭证齐全，已经村务监督委员会主任{sup}审核签字。",
                  "低保、特困等救助资金通过“一卡通”发放到户，发放名单已在各村公开栏公示。"],
        "dangwu": ["支部书记带头讲党课，全体党员集中学习党的二十大精神和农村基层组织工作条例。",
                   "本季度应交党费{n}人，实交{n}人，党费已按时全额上缴镇党委。",
                   "党员志愿服务队{n}人参与{tun}环境整治，清理垃圾和杂草，疏通排水沟。",
                   "对流动党员采取“线上+线下”方式开展组织生活，确保不漏一人。",
                   "{month}主题党日，党员到{tun}走访慰问老党员和生活困难党员{n}人。"],
        "zhengwu": ["镇人民政府召开专题会议，部署{project}项目，明确责任人和完成时限。",
                    "本期办理群众来信来访{n}件，已全部按期答复，群众满意率{pct}%。",
                    "各村按时完成{project}项目验收，资金拨付严格执行报账制，未发现挤占挪用问题。",
                    "低保、特困等救助资金通过“一卡通”发放到户，发放名单已在各村公开栏公示。"],
    }
    CLOSE = ["公开期限：自公开之日起30日。对公开内容有疑问或意见的，请向村务监督委员会反映，监督电话{tel}。",
             "以上内容如有疑问，请在公开期内向村务监督委员会或镇纪委反映，监督电话{tel}。"]

    def body(self, cat, v, extra=""):
        r = self.r
        parts = [self.fill(r.choice(self.OPEN[cat]), v)]
        heads = r.sample(self.HEADS[cat], r.choice((3, 4)))
        nums = "一二三四五"
        for i, h in enumerate(heads):
            pool = self.SENT[cat] + self.SENT["common"]
            sents = "".join(self.fill(r.choice(pool), v) for _ in range(r.randrange(3, 6)))
            parts.append(f"## {nums[i]}、{h}\n\n{sents}")
            if i == 1 and extra:
                parts.append(extra)
        if r.random() < 0.3:
            parts.append("\n".join(f"- {self.fill(r.choice(self.SENT[cat]), v)}" for _ in range(r.randrange(2, 5))))
        parts.append(self.fill(r.choice(self.CLOSE), v))
        parts.append(f"{v['name']}村村民委员会　{v['name']}村村务监督委员会" if v["board"] != "township" else f"{TOWNSHIP}人民政府")
        return "\n\n".join(parts) + "\n"

    def csv_table(self, v):
        r = self.r
        rows = ["序号,项目,所在屯,金额（元）,备注"]
        total = 0
        for i in range(r.randrange(4, 12)):
            fen = r.randrange(10000, 2000000)
            total += fen
            rows.append(f"{i + 1},{r.choice(PROJECTS)},{r.choice(v['tuns'])},{fen // 100}.{fen % 100:02d},{r.choice(['已完工', '在建', '已验收', '已拨付'])}")
        rows.append(f"合计,,,{total // 100}.{total % 100:02d},")
        return "```csv\n" + "\n".join(rows) + "\n```"

    # ---- sign-off
    def signoff(self, v, cat, d):
        if cat == "dangwu" or v["board"] == "township":
            return [("审核（党政办）" if v["board"] == "township" else "审核（村党支部副书记）", self.name(), d - timedelta(days=3)),
                    ("审批（党委书记）" if v["board"] == "township" else "审批（村党支部书记）", self.name(), d - timedelta(days=2))]
        return [("报账员" if cat == "caiwu" else "村委会主任", self.name(), d - timedelta(days=3)),
                ("村务监督委员会主任", v["sup"], d - timedelta(days=2))]

    def notice(self, v, cat, d, base, title, body, period=None, tags=(), extra=None):
        board = v["board"]
        slug = self.slug(board, base)
        serial = self.numbers[(board, cat, d.year)] = self.numbers.get((board, cat, d.year), 0) + 1
        n = dict(board=board, v=v, cat=cat, date=d, slug=slug, title=title, body=body, period=period,
                 tags=list(tags), signoff=self.signoff(v, cat, d), extra=extra or {},
                 number=f"{v['name'][:2]}{CATS[cat][1]}〔{d.year}〕{serial}号",
                 path=f"notices/{board}/{d.year}/{slug}.md")
        self.notices.append(n)
        return n

    # ---- kinds of notices
    def ledgers(self, v, count):
        """`count` monthly ledgers ending with October 2026, chained; each with its notice."""
        r = self.r
        y, m = 2026, 10
        months = []
        for _ in range(count):
            months.append((y, m))
            y, m = (y, m - 1) if m > 1 else (y - 1, 12)
        bal = r.randrange(5000000, 30000000)
        for (y, m) in reversed(months):
            opening = bal
            entries, inc, exp = [], 0, 0
            last = (date(y + (m == 12), m % 12 + 1, 1) - timedelta(days=1)).day
            days = sorted(r.randrange(1, last + 1) for _ in range(r.randrange(6, 15)))
            for k, dd in enumerate(days):
                if r.random() < 0.35:
                    acc, summ, lo, hi = r.choice(INCOME)
                    fen = r.randrange(lo, hi)
                    inc += fen
                    kind = "income"
                else:
                    acc, summ, lo, hi = r.choice(EXPENSE)
                    fen = r.randrange(lo, hi)
                    if bal + inc - exp - fen < 0:
                        acc, summ, lo, hi = INCOME[1]
                        inc += fen
                        kind = "income"
                    else:
                        exp += fen
                        kind = "expense"
                entries.append(dict(date=date(y, m, dd), voucher=f"记-{k + 1}", account=acc,
                                    summary=self.fill(summ, v, month=f"{m}月").replace("本季度", f"{y}年{m}月"), kind=kind, fen=fen,
                                    handler=v["clerk"]))
            bal = opening + inc - exp
            period = f"{y}年{m}月"
            key = f"{y}-{m:02d}"
            lines = [f"period: {period}", f"opening: {money(opening)}", f"closing: {money(bal)}",
                     f"income_total: {money(inc)}", f"expense_total: {money(exp)}", "entries:"]
            for e in entries:
                lines += [f"  - date: {e['date'].isoformat()}", f"    voucher: {e['voucher']}", f"    account: {e['account']}",
                          f"    summary: {yq(e['summary'])}", f"    {e['kind']}: {money(e['fen'])}", f"    handler: {e['handler']}"]
            hugo = dict(period=period, opening=opening / 100, closing=bal / 100,
                        entries=[dict(date=e["date"].isoformat(), voucher=e["voucher"], account=e["account"],
                                      summary=e["summary"], income=e["fen"] / 100 if e["kind"] == "income" else 0,
                                      expense=e["fen"] / 100 if e["kind"] == "expense" else 0, handler=e["handler"])
                                 for e in entries])
            self.data.append((f"notices/{v['board']}/ledgers/{key}.yaml", "\n".join(lines) + "\n",
                              f"ledgers/{v['board']}/{key}.json", hugo))
            pd = date(y + (m == 12), m % 12 + 1, r.randrange(3, 16))
            intro = (f"现将本村{period}财务收支情况公开如下：期初余额{money(opening)}元，本期收入{money(inc)}元，"
                     f"本期支出{money(exp)}元，期末余额{money(bal)}元。收支明细见下表。")
            self.notice(v, "caiwu", pd, f"{key}-caiwu", f"{v['name']}村{period}财务收支公开",
                        intro + "\n\n" + self.body("caiwu", v), period=period, tags=["收支明细"],
                        extra=dict(ledger=(f"../ledgers/{key}.yaml", f"{v['board']}/{key}")))
        return {y for (y, m) in months}

    def budget(self, v, year):
        r = self.r
        items = [("补助收入", r.randrange(10000000, 30000000)), ("经营收入", r.randrange(3000000, 20000000)),
                 ("投资收益", r.randrange(0, 5000000)), ("管理费用", r.randrange(1000000, 3000000)),
                 ("公益支出", r.randrange(5000000, 20000000)), ("经营支出", r.randrange(1000000, 5000000)),
                 ("其他支出", r.randrange(100000, 500000))]
        key = f"budget-{year}"
        text = f"year: {year}\nbudget:\n" + "".join(f"  {a}: {money(f)}\n" for a, f in items)
        self.data.append((f"notices/{v['board']}/ledgers/{key}.yaml", text, f"budgets/{v['board']}/{key}.json",
                          dict(year=year, budget={a: f / 100 for a, f in items})))
        d = date(year, r.randrange(1, 4), r.randrange(5, 26))
        self.notice(v, "caiwu", d, f"{year}-yusuan", f"{v['name']}村{year}年度村级财务预算公开",
                    self.body("caiwu", v), period=f"{year}年", tags=["预算"],
                    extra=dict(budget=(f"../ledgers/{key}.yaml", f"{v['board']}/{key}")))

    def debts(self, v, year):
        r = self.r
        items = []
        for _ in range(r.randrange(3, 8)):
            kind = r.choice(["债权", "债务"])
            party = r.choice(v["tuns"]) + "村民小组" if kind == "债权" and r.random() < 0.5 else r.choice(COOPS)
            since = date(year, r.randrange(1, 13), r.randrange(1, 29))
            items.append(dict(kind=kind, party=party, fen=r.randrange(50000, 5000000), since=since,
                              note=self.fill(r.choice(["{thing}租金未到期", "{project}项目质量保证金", "借款修{thing}", "{project}工程尾款"]), v)))
        key = f"debts-{year}"
        lines = [f"as_of: {year}-12-31", "items:"]
        for it in items:
            lines += [f"  - kind: {it['kind']}", f"    party: {yq(it['party'])}", f"    amount: {money(it['fen'])}",
                      f"    since: {it['since'].isoformat()}", f"    note: {yq(it['note'])}"]
        self.data.append((f"notices/{v['board']}/ledgers/{key}.yaml", "\n".join(lines) + "\n", f"debts/{v['board']}/{key}.json",
                          dict(as_of=f"{year}-12-31", items=[dict(kind=i["kind"], party=i["party"], amount=i["fen"] / 100,
                                                                 since=i["since"].isoformat(), note=i["note"]) for i in items])))
        d = date(year + 1, 1, r.randrange(10, 28))
        self.notice(v, "caiwu", d, f"{year}-zhaiquan-zhaiwu", f"{v['name']}村{year}年末债权债务情况公开",
                    self.body("caiwu", v), period=f"{year}年", tags=["债权债务"],
                    extra=dict(debts=(f"../ledgers/{key}.yaml", f"{v['board']}/{key}")))

    def gongshi(self, start, v):
        end = start + timedelta(days=6)
        g = dict(start=start, end=end, contact=f"{v['name']}村务监督委员会主任{v['sup']}，电话{v['tel']}")
        out = end + timedelta(days=self.r.randrange(1, 5))
        if out <= BUILD_DATE:
            g["outcome"] = dict(result="无异议", date=out, note="公示期内未收到异议。")
        return g

    def roster(self, v, d):
        r = self.r
        kslug, what, tag, label, lo, hi = r.choice(ROSTER_KINDS)
        base = f"{d.year}-q{quarter(d)}-{kslug}"
        rows = []
        for _ in range(r.randrange(8, 40)):
            rows.append(dict(name=self.masked_name(), tun=r.choice(v["tuns"]), people=r.randrange(1, 6),
                             fen=r.randrange(lo, hi) // 10 * 10, note=r.choice(["新增", "续保", "调整", "", ""])))
        slug = self.slug(v["board"], base)
        self.slugs.discard((v["board"], slug))   # notice() below takes it
        lines = [f"title: {qlabel(d)}{what}名单", "fields:",
                 "  - { key: name, label: 姓名 }", "  - { key: tun, label: 所在屯 }",
                 "  - { key: people, label: 保障人数, type: number }", f"  - {{ key: amount, label: {label}, type: money }}",
                 "  - { key: note, label: 备注 }", "rows:"]
        for w in rows:
            note = f", note: {w['note']}" if w["note"] else ""
            lines.append(f"  - {{ name: {w['name']}, tun: {w['tun']}, people: {w['people']}, amount: \"{money(w['fen'])}\"{note} }}")
        self.data.append((f"notices/{v['board']}/rosters/{slug}.yaml", "\n".join(lines) + "\n", f"rosters/{v['board']}/{slug}.json",
                          dict(fields=[["name", "姓名"], ["tun", "所在屯"], ["people", "保障人数"], ["amount", label], ["note", "备注"]],
                               rows=[dict(name=w["name"], tun=w["tun"], people=w["people"], amount=w["fen"] / 100, note=w["note"])
                                     for w in rows])))
        intro = f"经农户申请、入户调查、信息核对和村级民主评议，现将{qlabel(d)}{what}名单公示如下（共{len(rows)}户）。"
        self.notice(v, "cunwu", d, slug, f"{v['name']}村{qlabel(d)}{what}公示", intro + "\n\n" + self.body("cunwu", v),
                    period=f"{qlabel(d)}", tags=[tag, "公示"],
                    extra=dict(roster=(f"../rosters/{slug}.yaml", f"{v['board']}/{slug}"), gongshi=self.gongshi(d, v)))

    def decision(self, v, d0):
        """四议两公开: the decision record, its resolution notice and (when due) its result notice."""
        r = self.r
        k = r.randrange(len(PROJECTS))
        project = PROJECTS[k]
        tun = r.choice(v["tuns"])
        steps = [("提议", d0), ("商议", d0 + timedelta(days=r.randrange(2, 6))), ("审议", d0 + timedelta(days=r.randrange(7, 12))),
                 ("决议", d0 + timedelta(days=r.randrange(13, 20)))]
        rd = steps[-1][1] + timedelta(days=r.randrange(1, 5))
        base = f"{rd.year}-{PROJECT_SLUGS[k]}"
        res = self.notice(v, "cunwu", rd, f"{base}-jueyi", f"{v['name']}村村民代表会议关于{tun}{project}项目的决议",
                          self.body("cunwu", v), period=f"{qlabel(rd)}", tags=["四议两公开", "村民代表会议"])
        result = None
        done = rd + timedelta(days=r.randrange(60, 170))
        if done <= LAST_DAY:
            link = os.path.relpath(res["path"], os.path.dirname(f"notices/{v['board']}/{done.year}/x.md"))
            result = self.notice(v, "cunwu", done, f"{base}-yanshou", f"{tun}{project}项目实施结果公开",
                                 f"本项目的决议见[决议公开]({link})。\n\n" + self.body("cunwu", v),
                                 period=f"{qlabel(done)}", tags=["四议两公开", "实施结果"],
                                 extra=dict(resultof=res))
        votes = []
        for name, _ in steps:
            if name in ("审议", "决议"):   # party members' meeting, then villagers' representatives
                ex = r.randrange(30, 60) if name == "审议" else r.randrange(35, 50)
                pres = r.randrange(-(-ex * 2 // 3), ex + 1)
                yes = r.randrange(pres // 2 + 1, pres + 1)
                rest = pres - yes
                against = r.randrange(0, rest + 1)
                votes.append(dict(expected=ex, present=pres, yes=yes, against=against, abstain=rest - against))
            else:
                votes.append(None)
        bodies = {"提议": f"村党支部召开支委会，根据{tun}群众多次反映，提出{project}项目初步方案。",
                  "商议": "村“两委”联席会议商议，村务监督委员会主任列席，形成提交党员大会审议的方案。",
                  "审议": "党员大会审议项目方案和筹资筹劳办法，同意提交村民代表会议表决。",
                  "决议": "村民代表会议表决通过，推选群众义务监督员参与质量监督。"}
        self.decisions.append(dict(v=v, slug=self.slug(v["board"] + "/decision", base), title=f"{tun}{project}一事一议项目",
                                   steps=[(s, dd, bodies[s], vt) for (s, dd), vt in zip(steps, votes)], resolution=res,
                                   result=result, body=self.body("cunwu", v)))

    def plain(self, v, cat, d):
        r = self.r
        b = v["board"]
        if cat == "dangwu":
            q = quarter(d)
            kind = r.choice(["dangwu", "sanhuiyike", "dangfei", "fazhan", "pingyi"])
            titles = {"dangwu": f"{qlabel(d)}党务公开", "sanhuiyike": f"{qlabel(d)}“三会一课”开展情况",
                      "dangfei": f"{qlabel(d)}党费收缴使用情况", "fazhan": f"{d.year}年发展党员对象公示",
                      "pingyi": f"{d.year}年度民主评议党员结果"}
            who = f"{v['name']}村党支部" if b != "township" else f"{TOWNSHIP}党委"
            extra = dict(gongshi=self.gongshi(d, v)) if kind == "fazhan" else {}
            table = self.csv_table(v) if kind == "dangfei" else ""
            return self.notice(v, cat, d, f"{d.year}-q{q}-{kind}", who + titles[kind], self.body(cat, v, table),
                               period=qlabel(d), tags=[r.choice(["党员管理", "主题党日", "党费", "组织生活"])], extra=extra)
        if cat == "caiwu":
            kind = r.choice(["zhuanxiang", "yishiyiyi", "shouyi", "butie"])
            titles = {"zhuanxiang": "专项资金使用情况公开", "yishiyiyi": "一事一议财政奖补资金使用情况公开",
                      "shouyi": "集体经济收益分配方案公开", "butie": "惠农补贴资金发放情况公开"}
            who = f"{v['name']}村" if b != "township" else TOWNSHIP
            return self.notice(v, cat, d, f"{d.year}-{kind}", f"{who}{d.year}年{titles[kind]}", self.body(cat, v, self.csv_table(v)),
                               period=f"{qlabel(d)}", tags=[titles[kind][:4]])
        if cat == "zhengwu":
            kind = r.choice(["xiangmu", "zhengbing", "jiuzhu", "yusuan", "huiyi"])
            titles = {"xiangmu": f"{r.choice(PROJECTS)}项目建设进展情况", "zhengbing": "征兵工作情况公开", "jiuzhu": "社会救助资金发放情况",
                      "yusuan": "部门预算执行情况", "huiyi": "镇人民政府常务会议议定事项"}
            table = self.csv_table(v) if kind in ("jiuzhu", "yusuan") else ""
            return self.notice(v, cat, d, f"{d.year}-{kind}", f"{TOWNSHIP}{d.year}年{titles[kind]}", self.body(cat, v, table),
                               period=f"{qlabel(d)}", tags=[titles[kind][:4]])
        kind = r.choice(["huiyi", "zhaobiao", "tudi", "cunguiminyue", "xiangmu"])
        tags = {"huiyi": "村民代表会议", "zhaobiao": "项目建设", "tudi": "土地流转", "cunguiminyue": "村规民约", "xiangmu": "项目建设"}
        titles = {"huiyi": "村民代表会议议定事项公开", "zhaobiao": f"{r.choice(PROJECTS)}项目比选结果公示", "tudi": "土地流转情况公示",
                  "cunguiminyue": "村规民约修订情况公开", "xiangmu": f"{r.choice(PROJECTS)}项目进展情况"}
        extra = dict(gongshi=self.gongshi(d, v)) if kind in ("zhaobiao", "tudi") else {}
        table = self.csv_table(v) if kind in ("tudi", "xiangmu") else ""
        return self.notice(v, cat, d, f"{d.year}-{kind}", f"{v['name']}村{d.year}年{titles[kind]}", self.body(cat, v, table),
                           period=f"{qlabel(d)}", tags=[tags[kind]], extra=extra)

    # ---- the township
    def generate(self):
        r = self.r
        self.villages = []
        for i, (slug, nm) in enumerate(VILLAGES):
            tuns = sorted({r.choice(TUN_SYL) + r.choice(TUN_SYL) + r.choice(TUN_END) for _ in range(r.randrange(5, 9))})
            self.villages.append(dict(board=slug, name=nm, order=i + 1, tuns=tuns, sup=self.name(), clerk=self.name(),
                                      secretary=self.name(), tel=f"{TEL_PREFIX}{i + 10:02d}{r.randrange(100, 1000)}"))
        town = dict(board="township", name=TOWNSHIP, tuns=sorted({v["tuns"][0] for v in self.villages}), sup=self.name(),
                    clerk=self.name(), tel=f"{TEL_PREFIX}00012")
        n_town = round(self.n * 0.04)
        per = [(self.n - n_town) // 30 + (1 if i < (self.n - n_town) % 30 else 0) for i in range(30)]
        for v, nv in zip(self.villages, per):
            left = nv
            fin = round(nv * 0.35)
            n_ledger = min(round(fin * 0.7), 142)
            years = self.ledgers(v, n_ledger) if n_ledger else set()
            left -= n_ledger
            fin -= n_ledger
            for y in sorted(years, reverse=True):   # per year covered: its budget, the previous year-end's register
                if fin > 0:
                    self.budget(v, y); fin -= 1; left -= 1
                if fin > 0:
                    self.debts(v, y - 1); fin -= 1; left -= 1
            for _ in range(fin):
                self.plain(v, "caiwu", self.day_between(FIRST_DAY, LAST_DAY)); left -= 1
            cun = round(nv * 0.40)
            n_roster = round(cun * 0.3)
            for _ in range(n_roster):
                self.roster(v, self.day_between(FIRST_DAY, LAST_DAY)); left -= 1; cun -= 1
            n_dec = round(nv * 0.03)
            for _ in range(n_dec):
                if left < 2:
                    break
                before = len(self.notices)
                self.decision(v, self.day_between(FIRST_DAY, LAST_DAY - timedelta(days=30)))
                left -= len(self.notices) - before
                cun -= len(self.notices) - before
            for _ in range(max(cun, 0)):
                if left <= 0:
                    break
                self.plain(v, "cunwu", self.day_between(FIRST_DAY, LAST_DAY)); left -= 1
            for _ in range(max(left, 0)):
                self.plain(v, "dangwu", self.day_between(FIRST_DAY, LAST_DAY))
        for _ in range(n_town):
            self.plain(town, r.choice(["zhengwu", "zhengwu", "dangwu", "caiwu"]), self.day_between(FIRST_DAY, LAST_DAY))
        self.town = town

    # ---- writers
    def gongkai_notice(self, n):
        L = ["---", f"title: {yq(n['title'])}", f"category: {CATS[n['cat']][1]}", f"date: {n['date'].isoformat()}"]
        if n["period"]:
            L.append(f"period: {n['period']}")
        L.append(f"number: {yq(n['number'])}")
        L.append("signoff:")
        L += [f"  - {{ role: {role}, name: {nm}, date: {d.isoformat()} }}" for role, nm, d in n["signoff"]]
        if n["tags"]:
            L.append(f"tags: [{', '.join(n['tags'])}]")
        for key in ("ledger", "budget", "debts", "roster"):
            if key in n["extra"]:
                L.append(f"{key}: {n['extra'][key][0]}")
        g = n["extra"].get("gongshi")
        if g:
            L += ["gongshi:", f"  start: {g['start'].isoformat()}", "  days: 7", f"  contact: {yq(g['contact'])}"]
            if "outcome" in g:
                o = g["outcome"]
                L += ["  outcome:", f"    result: {o['result']}", f"    date: {o['date'].isoformat()}", f"    note: {o['note']}"]
        L.append("---")
        return "\n".join(L) + "\n" + n["body"]

    def gongkai_decision(self, dc):
        L = ["---", f"title: {yq(dc['title'])}", "steps:"]
        for s, d, body, vt in dc["steps"]:
            votes = (f" expected: {vt['expected']}, present: {vt['present']}, for: {vt['yes']}, against: {vt['against']},"
                     f" abstain: {vt['abstain']},") if vt else ""
            L.append(f"  - {{ step: {s}, date: {d.isoformat()},{votes} body: {body} }}")
        L.append(f"resolution: ../../{dc['resolution']['path']}")
        if dc["result"]:
            L.append(f"result: ../../{dc['result']['path']}")
        L.append("---")
        return "\n".join(L) + "\n" + dc["body"]

    @staticmethod
    def board_name(v):
        return v["name"] + ("村" if v["board"] != "township" else "")

    def hugo_notice(self, n):
        fm = dict(title=n["title"], date=n["date"].isoformat(), board=n["board"], boardname=self.board_name(n["v"]),
                  number=n["number"], categories=[CATS[n["cat"]][0]], tags=n["tags"],
                  boardcats=[f"{n['board']}-{n['cat']}"], archives=[f"{n['board']}-{n['cat']}-{n['date'].year}"],
                  signoff=[dict(role=a, name=b, date=c.isoformat()) for a, b, c in n["signoff"]])
        if n["period"]:
            fm["period"] = n["period"]
        for key in ("ledger", "budget", "debts", "roster"):
            if key in n["extra"]:
                fm[key] = n["extra"][key][1]
        g = n["extra"].get("gongshi")
        if g:
            fm["gongshi"] = dict(start=g["start"].isoformat(), end=g["end"].isoformat(), contact=g["contact"])
            if "outcome" in g:
                fm["gongshi"]["outcome"] = dict(result=g["outcome"]["result"], date=g["outcome"]["date"].isoformat(),
                                                note=g["outcome"]["note"])
        body = n["body"]
        if "resultof" in n["extra"]:
            res = n["extra"]["resultof"]
            body = body.split("\n\n", 1)[1]
            body = f"本项目的决议见[决议公开](/{res['board']}/{res['date'].year}/{res['slug']}/)。\n\n" + body
        return json.dumps(fm, ensure_ascii=False, indent=1) + "\n\n" + body

    def hugo_decision(self, dc):
        fm = dict(title=dc["title"], date=dc["steps"][-1][1].isoformat(), board=dc["v"]["board"], boardname=self.board_name(dc["v"]),
                  steps=[dict(step=s, date=d.isoformat(), body=b, **({k: vt[k] for k in vt} if vt else {})) for s, d, b, vt in dc["steps"]],
                  resolution=f"/{dc['resolution']['board']}/{dc['resolution']['date'].year}/{dc['resolution']['slug']}",
                  result=(f"/{dc['result']['board']}/{dc['result']['date'].year}/{dc['result']['slug']}" if dc["result"] else ""))
        return json.dumps(fm, ensure_ascii=False, indent=1) + "\n\n" + dc["body"]

    def write(self, out):
        c, h = os.path.join(out, "Content"), os.path.join(out, "hugo")
        for d in (c, h):
            if os.path.exists(d):
                shutil.rmtree(d)

        def put(path, text):
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)

        site = (f"name: {TOWNSHIP}\ncounty: {COUNTY}\nhost: {COUNTY}{TOWNSHIP}人民政府\ncontact: {TEL_PREFIX}00001\n"
                f"report_phone: {self.town['tel']}\nbase_url: https://bench.example.gov.cn/\n"
                f"intro: {TOWNSHIP}是为性能测试生成的虚构乡镇，辖30个行政村。本栏目集中公开镇和各村的党务、政务（村务）、财务信息。\n"
                "page_size: 20\n")
        put(f"{c}/site.yaml", site)
        for v in self.villages:
            put(f"{c}/villages/{v['board']}.yaml",
                f"name: {v['name']}村\norder: {v['order']}\nintro: {v['name']}村位于{TOWNSHIP}，辖{len(v['tuns'])}个自然屯。\n"
                f"groups: [{', '.join(v['tuns'])}]\ncommittee:\n  - {{ role: 村党支部书记、村委会主任, name: {v['secretary']} }}\n"
                f"  - {{ role: 报账员, name: {v['clerk']} }}\nsupervisors:\n  - {{ role: 主任, name: {v['sup']} }}\n"
                f"phone: {v['tel']}\nreport_phone: {v['tel']}\nboard_location: 村委会办公楼前公开栏\n")
        for path, text, hpath, hdata in self.data:
            put(f"{c}/{path}", text)
            put(f"{h}/data/{hpath}", json.dumps(hdata, ensure_ascii=False, indent=1) + "\n")
        for n in self.notices:
            put(f"{c}/{n['path']}", self.gongkai_notice(n))
            put(f"{h}/content/{n['board']}/{n['date'].year}/{n['slug']}.md", self.hugo_notice(n))
        for dc in self.decisions:
            put(f"{c}/decisions/{dc['v']['board']}/{dc['slug']}.md", self.gongkai_decision(dc))
            put(f"{h}/content/decisions/{dc['v']['board']}/{dc['slug']}.md", self.hugo_decision(dc))
        # Hugo: section front pages, config, templates
        put(f"{h}/content/_index.md", json.dumps(dict(title=f"{TOWNSHIP}三务公开"), ensure_ascii=False) + "\n")
        for v in self.villages + [self.town]:
            put(f"{h}/content/{v['board']}/_index.md",
                json.dumps(dict(title=self.board_name(v)), ensure_ascii=False) + "\n")
        put(f"{h}/content/decisions/_index.md", json.dumps(dict(title="四议两公开"), ensure_ascii=False) + "\n")
        layouts = os.path.join(os.path.dirname(os.path.abspath(__file__)), "hugo")
        shutil.copytree(layouts, h, dirs_exist_ok=True)
        put(f"{h}/data/site.json", json.dumps(dict(host=f"{COUNTY}{TOWNSHIP}人民政府", contact=f"{TEL_PREFIX}00001",
                                                  report_phone=self.town["tel"]), ensure_ascii=False) + "\n")
        # The notice the one-edit rebuild changes: a plain notice in the middle of the list.
        plain = [n for n in self.notices if not n["extra"]]
        put(f"{out}/edit-target", plain[len(plain) // 2]["path"] + "\n")
        return len(self.notices), len(self.decisions)


def main():
    args = sys.argv[1:]
    seed = 42
    if "--seed" in args:
        i = args.index("--seed")
        seed = int(args[i + 1])
        del args[i:i + 2]
    if len(args) != 2:
        sys.exit(__doc__)
    out, n = args[0], int(args[1])
    g = Gen(n, seed)
    g.generate()
    notices, decisions = g.write(out)
    print(f"{out}: {notices} notices, {decisions} decision records, {len(g.data)} data files (seed {seed})")


if __name__ == "__main__":
    main()

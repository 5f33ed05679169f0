#!/usr/bin/env python3
"""Generates a synthetic township for benchmarks: N notices of ~2 KB Markdown across 30 villages.
Usage: gen.py OUT_DIR N"""
import os, random, sys

out, n = sys.argv[1], int(sys.argv[2])
rnd = random.Random(42)
villages = [f"v{i:02d}" for i in range(30)]
os.makedirs(f"{out}/villages", exist_ok=True)
with open(f"{out}/site.yaml", "w") as f:
    f.write("name: 基准镇\ncounty: 基准县\nhost: 基准县基准镇人民政府\ncontact: 0771-5000000\n"
            "report_phone: 0771-5000012\nbase_url: https://bench.example.gov.cn/\n")
for i, v in enumerate(villages):
    with open(f"{out}/villages/{v}.yaml", "w") as f:
        f.write(f"name: 第{i+1}村\norder: {i}\n")
para = ("本村严格按照村务公开制度，将本季度集体经济收支情况予以公开，接受全体村民监督。"
        "如对公开内容有疑问，请在公示期内向村务监督委员会反映。")
cats = ["党务", "村务", "财务"]
for k in range(n):
    v = villages[k % 30]
    y = 2015 + (k * 7) % 12
    m = 1 + (k * 5) % 12
    d = 1 + (k * 3) % 28
    cat = cats[k % 3]
    path = f"{out}/notices/{v}/{y}"
    os.makedirs(path, exist_ok=True)
    body = []
    for p in range(6):
        body.append(para[rnd.randrange(10):] + "\n" + para[: rnd.randrange(20, 60)] + "。")
    body.insert(2, "## 收支情况\n\n```csv\n科目,收入,支出\n经营收入,12000.00,0\n管理费用,0,3500.50\n```")
    with open(f"{path}/n{k:06d}.md", "w") as f:
        f.write(f"---\ntitle: 第{k}号{cat}公开\ncategory: {cat}\ndate: {y}-{m:02d}-{d:02d}\n"
                f"period: {y}年第{(m-1)//3+1}季度\nsignoff:\n  - {{ role: 村务监督委员会主任, name: 某某, date: {y}-{m:02d}-{d:02d} }}\n"
                f"  - {{ role: 审核, name: 某甲 }}\n  - {{ role: 审批, name: 某乙 }}\n"
                f"tags: [季度公开]\n---\n" + "\n\n".join(body) + "\n")

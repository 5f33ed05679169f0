/* The search page's script (search.html), the only script of the site.
 * The index is written by gongkai build as small script files that call gongkaiSearch.shard(…)
 * and gongkaiSearch.doc(…); they are loaded with <script src>, which works from a web server,
 * a sub-folder and file:// alike. tokens() and hash() are the JavaScript copy of
 * SearchTokenizer in Sources/GongkaiCore/Render/Search.swift: change both together
 * (SearchTests runs both on the same strings). */
(function () {
  'use strict';

  function lower(cp) { return cp >= 0x41 && cp <= 0x5a ? cp + 0x20 : cp; }

  /* One character as the index sees it: NFKC, ASCII letters in lower case. */
  function normalized(ch) {
    var cp = ch.codePointAt(0);
    if (cp < 0x80) { return String.fromCodePoint(lower(cp)); }
    if ((cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0x4e00 && cp <= 0x9fff)) { return ch; }
    var out = '';
    for (var c of ch.normalize('NFKC')) { out += String.fromCodePoint(lower(c.codePointAt(0))); }
    return out;
  }

  /* Han characters, ASCII letters and digits. */
  function isWord(cp) {
    return (cp >= 0x30 && cp <= 0x39) || (cp >= 0x61 && cp <= 0x7a) || cp === 0x3007 ||
      (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0x4e00 && cp <= 0x9fff) ||
      (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0x20000 && cp <= 0x3ffff);
  }

  /* Pairs of neighbouring word characters, and a word character beside a boundary ("_").
   * edges: the ends of the text are boundaries (a text of the index); false for a query, whose
   * ends may lie inside a word. */
  function tokens(text, edges) {
    var out = [];
    var previous = edges ? '_' : '';
    for (var ch of text) {
      for (var c of normalized(ch)) {
        if (isWord(c.codePointAt(0))) {
          if (previous) { out.push(previous + c); }
          previous = c;
        } else {
          if (previous && previous !== '_') { out.push(previous + '_'); }
          previous = '_';
        }
      }
    }
    if (edges && previous && previous !== '_') { out.push(previous + '_'); }
    return out;
  }

  /* The tokens a query needs, each once: the words of the query separated by spaces are
   * looked for each on its own (all of them must be in a notice). When no word gives a token
   * (「4 赵」), the whole query is taken as written, its spaces as boundaries. */
  function queryTokens(q) {
    var seen = {};
    var out = [];
    function add(t) { if (!seen[t]) { seen[t] = true; out.push(t); } }
    q.split(/\s+/).forEach(function (part) { tokens(part, false).forEach(add); });
    if (out.length === 0) { tokens(q, false).forEach(add); }
    return out;
  }

  /* FNV-1a over the token's code points. */
  function hash(token) {
    var h = 2166136261;
    for (var c of token) { h = Math.imul(h ^ c.codePointAt(0), 16777619) >>> 0; }
    return h >>> 0;
  }

  /* Ranks the notices holding every token: a title holding every token first, then by how often
   * the rarest token occurs, then newest first (larger id: ids go oldest first). postings: token → the flat list of
   * a shard (id gaps and weights), or undefined when no notice has the token. */
  function rank(toks, postings) {
    var hits = null;
    toks.forEach(function (t) {
      var list = postings[t] || [];
      var here = {};
      for (var i = 0, id = 0; i < list.length; i += 2) {
        id += list[i];
        here[id] = list[i + 1];
      }
      if (hits === null) {
        hits = {};
        Object.keys(here).forEach(function (id) { hits[id] = { id: Number(id), title: here[id] & 1, count: here[id] >> 1 }; });
      } else {
        Object.keys(hits).forEach(function (id) {
          var w = here[id];
          if (w === undefined) { delete hits[id]; return; }
          hits[id].title &= w & 1;
          hits[id].count = Math.min(hits[id].count, w >> 1);
        });
      }
    });
    return Object.keys(hits || {}).map(function (id) { return hits[id]; }).sort(function (a, b) {
      return (b.title - a.title) || (b.count - a.count) || (b.id - a.id);
    });
  }

  var api = { tokens: tokens, queryTokens: queryTokens, hash: hash, rank: rank, normalized: normalized, isWord: isWord };
  if (typeof module === 'object' && module.exports) { module.exports = api; }
  if (typeof document === 'undefined') { return; }

  // ---- the page ----
  var box = document.getElementById('search-results');
  if (!box) { return; }
  var root = box.getAttribute('data-root') || '';
  var shardCount = Number(box.getAttribute('data-shards')) || 1;
  var input = document.getElementById('q');
  var pageSize = 20;
  var shards = {};
  var docs = {};
  var waiting = {};

  function load(src, done) {
    var s = document.createElement('script');
    s.src = src;
    s.onerror = function () { say('搜索用的索引文件没能打开，请稍后再试，或者到各村公开栏查看。'); };
    waiting[src] = done;
    document.head.appendChild(s);
  }

  window.gongkaiSearch = {
    shard: function (n, data) { shards[n] = data; var f = waiting[root + 'search/s/' + n + '.js']; if (f) { f(); } },
    doc: function (id, data) { docs[id] = data; var f = waiting[root + 'search/d/' + id + '.js']; if (f) { f(); } }
  };

  function el(name, cls, text) {
    var e = document.createElement(name);
    if (cls) { e.className = cls; }
    if (text !== undefined) { e.textContent = text; }
    return e;
  }

  function say(text) {
    var p = document.getElementById('search-status');
    p.textContent = text;
  }

  /* The text normalized like the index, with where each of its characters came from. */
  function mapped(text) {
    var s = '';
    var from = [];
    for (var i = 0; i < text.length;) {
      var ch = String.fromCodePoint(text.codePointAt(i));
      var n = normalized(ch);
      for (var k = 0; k < n.length; k++) { from.push(i); }
      s += n;
      i += ch.length;
    }
    from.push(text.length);
    return { s: s, from: from };
  }

  /* Where the words of the query occur in text: [start, end) ranges of text, in order. */
  function ranges(text, words) {
    var m = mapped(text);
    var found = [];
    words.forEach(function (w) {
      for (var at = m.s.indexOf(w); at >= 0; at = m.s.indexOf(w, at + w.length)) {
        found.push([m.from[at], m.from[at + w.length]]);
      }
    });
    found.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
    var out = [];
    found.forEach(function (r) {
      var last = out[out.length - 1];
      if (last && r[0] <= last[1]) { last[1] = Math.max(last[1], r[1]); } else { out.push(r); }
    });
    return out;
  }

  /* Appends text[start, end) to parent with the found words in <mark>. */
  function marked(parent, text, words, start, end) {
    var at = start;
    ranges(text, words).forEach(function (r) {
      var a = Math.max(r[0], start);
      var b = Math.min(r[1], end);
      if (a >= b) { return; }
      parent.appendChild(document.createTextNode(text.slice(at, a)));
      parent.appendChild(el('mark', '', text.slice(a, b)));
      at = b;
    });
    parent.appendChild(document.createTextNode(text.slice(at, end)));
  }

  /* The passage of the body around the first found word. */
  function snippet(text, words) {
    var p = el('p', 'search-snippet');
    var first = ranges(text, words)[0];
    var start = first ? Math.max(0, first[0] - 30) : 0;
    var end = Math.min(text.length, start + 110);
    if (start > 0) { p.appendChild(document.createTextNode('…')); }
    marked(p, text, words, start, end);
    if (end < text.length) { p.appendChild(document.createTextNode('…')); }
    return p;
  }

  /* The index finds every notice holding all the query's pairs of characters, which may lie far
     apart; a notice is listed only when its title, 文号 or text holds each word as written. */
  function holds(d, words) {
    var texts = [d.t, d.n || '', d.x].map(function (t) { return mapped(t).s; });
    return words.every(function (w) { return texts.some(function (t) { return t.indexOf(w) >= 0; }); });
  }

  function item(d, words) {
    var li = el('li', 'item');
    var a = el('a', 'item-title');
    a.href = root + d.u;
    marked(a, d.t, words, 0, d.t.length);
    li.appendChild(a);
    var meta = el('span', 'item-meta', d.b + '　' + d.c + '　公开日期：' + d.d);
    if (d.n) {
      meta.appendChild(document.createTextNode('　文号：'));
      marked(meta, d.n, words, 0, d.n.length);
    }
    li.appendChild(meta);
    li.appendChild(snippet(d.x, words));
    return li;
  }

  /* Lists the next pageSize notices that hold the query (reading at most ten pages of candidates
     per step), then says how many were found and offers more while candidates are left. */
  function more(list, words, q, state, ol) {
    var want = pageSize;
    var stop = state.next + pageSize * 10;
    function finish() {
      var left = state.next < list.length;
      if (state.shown === 0 && !left) {
        if (ol.parentNode) { ol.parentNode.removeChild(ol); }
        say('没有找到含有「' + q + '」的公开。可以换个说法，或者少写几个字再试。');
      } else if (left) {
        say('含有「' + q + '」的公开，标题里有的排在前面（已列出 ' + state.shown + ' 条）。');
      } else {
        say('找到 ' + state.shown + ' 条含有「' + q + '」的公开，标题里有的排在前面。');
      }
      var old = document.getElementById('search-more');
      if (old) { old.parentNode.removeChild(old); }
      if (left) {
        var b = el('button', 'search-more', '显示更多结果');
        b.id = 'search-more';
        b.type = 'button';
        b.onclick = function () { more(list, words, q, state, ol); };
        box.appendChild(b);
      }
    }
    function step() {
      if (want === 0 || state.next >= list.length || state.next >= stop) { finish(); return; }
      var slice = list.slice(state.next, state.next + pageSize);
      var need = slice.filter(function (h) { return !docs[h.id]; });
      var waitingFor = need.length;
      function ready() {
        for (var i = 0; i < slice.length && want > 0; i++) {
          state.next++;
          var d = docs[slice[i].id];
          if (holds(d, words)) { ol.appendChild(item(d, words)); state.shown++; want--; }
        }
        step();
      }
      if (waitingFor === 0) { ready(); return; }
      need.forEach(function (h) {
        load(root + 'search/d/' + h.id + '.js', function () { if (--waitingFor === 0) { ready(); } });
      });
    }
    step();
  }

  function run(q) {
    var toks = queryTokens(q);
    if (toks.length === 0) { say('请至少输入两个字，例如「低保」「2026」「修路」。'); return; }
    var words = [];
    q.split(/\s+/).forEach(function (part) {
      var w = '';
      for (var ch of part) {
        var n = normalized(ch);
        if (n && isWord(n.codePointAt(0))) { w += n; } else { if (w) { words.push(w); } w = ''; }
      }
      if (w) { words.push(w); }
    });
    var need = {};
    toks.forEach(function (t) { need[hash(t) % shardCount] = true; });
    var ns = Object.keys(need);
    var left = ns.length;
    say('正在查找……');
    ns.forEach(function (n) {
      load(root + 'search/s/' + n + '.js', function () {
        if (--left > 0) { return; }
        var postings = {};
        toks.forEach(function (t) { postings[t] = shards[hash(t) % shardCount][t]; });
        var list = rank(toks, postings);
        if (list.length === 0) { say('没有找到含有「' + q + '」的公开。可以换个说法，或者少写几个字再试。'); return; }
        var ol = el('ol', 'items search-list');
        box.appendChild(ol);
        more(list, words, q, { next: 0, shown: 0 }, ol);
      });
    });
  }

  var q = new URLSearchParams(window.location.search).get('q');
  if (q && q.trim()) {
    input.value = q;
    run(q.trim());
  }
})();

/* safegraph map page: the ecomap, timeline and who-knew-what grid of one review, as of a
   step in the chronology. Reads the JSON in #sg-data (written by safegraph.maps._model)
   and #sg-network (nodes and edges for vis-network). Every piece of review text goes into
   the page as a text node (textContent), never as HTML. Loads nothing from anywhere. */
(function () {
  "use strict";
  var D = JSON.parse(document.getElementById("sg-data").textContent);
  var NET = JSON.parse(document.getElementById("sg-network-data").textContent);
  var N = D.entries.length;
  var cur = N - 1;
  var mode = "entry";
  var selected = null; // rank of the finding picked in the panel
  var gapTop = 10;
  var $ = function (id) { return document.getElementById(id); };

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }
  function shortDate(iso) { var p = iso.split("-"); return p[2] + "/" + p[1] + "/" + p[0].slice(2); }
  function words(term) { return String(term).replace(/_/g, " "); }

  // -- tabs ------------------------------------------------------------------------------
  var view = document.body.getAttribute("data-view");
  function show(name) {
    view = name;
    document.body.setAttribute("data-view", name);
    Array.prototype.forEach.call(document.querySelectorAll("[data-tab]"), function (b) {
      b.setAttribute("aria-selected", b.getAttribute("data-tab") === name ? "true" : "false");
    });
    if (name === "map" && network) { network.redraw(); }
    if (name === "timeline") fitWidth();
  }
  Array.prototype.forEach.call(document.querySelectorAll("[data-tab]"), function (b) {
    b.addEventListener("click", function () { show(b.getAttribute("data-tab")); });
  });

  // -- the ecomap (vis-network) ----------------------------------------------------------
  var network = null, nodes = null, edges = null;
  var layers = { family: true, involvement: true, flows: true, gaps: true };
  if (window.vis && N >= 0) {
    nodes = new vis.DataSet(NET.nodes);
    edges = new vis.DataSet(NET.edges);
    network = new vis.Network($("sg-network"), { nodes: nodes, edges: edges }, NET.options);
    network.once("afterDrawing", function () { network.fit({ animation: false }); });
    network.on("click", function (params) {
      if (params.nodes.length) { showNode(params.nodes[0]); }
      else if (params.edges.length) { showEdge(params.edges[0]); }
      else { showFindings(); }
    });
  }
  Array.prototype.forEach.call(document.querySelectorAll("[data-layer]"), function (box) {
    box.addEventListener("change", function () { layers[box.getAttribute("data-layer")] = box.checked; update(); });
  });
  var gapSelect = $("sg-gap-top");
  if (gapSelect) gapSelect.addEventListener("change", function () { gapTop = parseInt(gapSelect.value, 10); update(); });

  function countTo(steps) { var n = 0; for (var i = 0; i < steps.length; i++) if (steps[i] <= cur) n++; return n; }
  function gapRanks() {
    var out = {};
    D.findings.forEach(function (f) {
      if (f.step > cur || f.rank > gapTop) return;
      if (selected !== null && f.rank !== selected) return;
      f.lines.forEach(function (l) {
        var id = "g" + l[0].charAt(0) + "-" + l[1] + "-" + l[2];
        (out[id] = out[id] || []).push(f.rank);
      });
    });
    return out;
  }
  function updateMap() {
    if (!network) return;
    var nodeUpdates = [], edgeUpdates = [];
    D.agencies.forEach(function (a, i) {
      var on = a.first !== null && a.first <= cur;
      nodeUpdates.push({ id: "a" + i, opacity: on ? 1 : 0.18 });
    });
    D.relations.forEach(function (r, i) { edgeUpdates.push({ id: "r" + i, hidden: !layers.family }); });
    D.involvement.forEach(function (link, i) {
      var n = countTo(link.steps);
      edgeUpdates.push({ id: "i" + i, hidden: !layers.involvement || n === 0,
                         width: n ? 1 + 1.6 * Math.log2(n) : 1 });
    });
    D.flows.forEach(function (flow, i) {
      var n = countTo(flow.steps);
      edgeUpdates.push({ id: "f" + i, hidden: !layers.flows || n === 0, width: n ? 1 + 1.2 * Math.log2(n) : 1 });
    });
    var ranks = gapRanks();
    edges.getIds({ filter: function (e) { return e.id.charAt(0) === "g"; } }).forEach(function (id) {
      edgeUpdates.push({ id: id, hidden: !layers.gaps || !ranks[id], width: selected !== null ? 4 : 2.5 });
    });
    nodes.update(nodeUpdates);
    edges.update(edgeUpdates);
  }

  // -- the timeline (SVG drawn by safegraph, moved here) ---------------------------------
  var plot = document.querySelector("#sg-timeline .sg-plot");
  var T0 = plot ? +plot.getAttribute("data-t0") : 0, T1 = plot ? +plot.getAttribute("data-t1") : 1;
  var left = plot ? +plot.getAttribute("data-left") : 0, width = plot ? +plot.getAttribute("data-width") : 1;
  var t0 = T0, t1 = T1;
  function X(t) { return left + (t - t0) / Math.max(t1 - t0, 1) * width; }
  function dayOf(t) { return new Date(t * 86400000).toISOString().slice(0, 10); }
  function relayout() {
    if (!plot) return;
    Array.prototype.forEach.call(plot.querySelectorAll(".sg-t"), function (g) {
      var t = +g.getAttribute("data-t"), t2 = g.hasAttribute("data-t2") ? +g.getAttribute("data-t2") : t;
      var out = t2 < t0 || t > t1;
      g.classList.toggle("sg-out", out);
      if (g.tagName === "line") {
        g.setAttribute("x1", X(t)); g.setAttribute("x2", X(t2));
      } else if (g.classList.contains("episode")) {
        var r = g.querySelector("rect"), tx = g.querySelector("text");
        var x1 = Math.max(X(t) - 6, left), x2 = Math.min(X(t2) + 6, left + width);
        r.setAttribute("x", x1); r.setAttribute("width", Math.max(x2 - x1, 4)); tx.setAttribute("x", x1 + 4);
      } else if (g.classList.contains("incident")) {
        var ln = g.querySelector("line"), lt = g.querySelector("text");
        ln.setAttribute("x1", X(t)); ln.setAttribute("x2", X(t)); lt.setAttribute("x", X(t) - 4);
      } else {
        var y = g.getAttribute("transform").replace(/^.*,\s*([-0-9.]+)\)$/, "$1");
        g.setAttribute("transform", "translate(" + X(t).toFixed(1) + "," + y + ")");
      }
    });
    var axis = plot.querySelector(".sg-axis");
    var top = +plot.getAttribute("data-top"), h = +plot.getAttribute("data-height");
    while (axis.firstChild) axis.removeChild(axis.firstChild);
    ticks(t0, t1).forEach(function (tk) {
      var ns = "http://www.w3.org/2000/svg";
      var line = document.createElementNS(ns, "line");
      line.setAttribute("x1", X(tk[0])); line.setAttribute("x2", X(tk[0]));
      line.setAttribute("y1", top); line.setAttribute("y2", top + h); line.setAttribute("stroke", "#d0d4da");
      var text = document.createElementNS(ns, "text");
      text.setAttribute("x", X(tk[0])); text.setAttribute("y", top - 6); text.setAttribute("font-size", "15");
      text.setAttribute("text-anchor", "middle"); text.setAttribute("fill", "#333"); text.textContent = tk[1];
      axis.appendChild(line); axis.appendChild(text);
    });
    $("sg-from").value = dayOf(t0); $("sg-to").value = dayOf(t1);
  }
  var MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  function ticks(a, b) {
    var da = new Date(a * 86400000), db = new Date(b * 86400000), out = [];
    if (b - a > 3 * 365) {
      for (var y = da.getUTCFullYear() + 1; y <= db.getUTCFullYear(); y++) out.push([Date.UTC(y, 0, 1) / 86400000, String(y)]);
      if (out.length && out[0][0] - a > 120) out.unshift([a, String(da.getUTCFullYear())]);
      return out;
    }
    var every = b - a < 500 ? 1 : 3, y2 = da.getUTCFullYear(), m = da.getUTCMonth();
    for (;;) {
      m++; if (m > 11) { y2++; m = 0; }
      var t = Date.UTC(y2, m, 1) / 86400000;
      if (t > b) break;
      if (m % every === 0) out.push([t, (m === 0 || every === 3) ? MONTHS[m] + " " + y2 : MONTHS[m]]);
    }
    return out;
  }
  function dayNumber(iso) { return Math.round(Date.parse(iso) / 86400000); }
  // The plot takes the width the screen has (the labels keep theirs).
  function fitWidth() {
    if (!plot) return;
    var box = $("sg-timeline"), svg = plot.ownerSVGElement;
    if (!box.clientWidth) return;
    width = Math.max(500, box.clientWidth - left - 40);
    var total = left + width + 30, height = svg.getAttribute("height");
    svg.setAttribute("width", total);
    svg.setAttribute("viewBox", "0 0 " + total + " " + height);
    Array.prototype.forEach.call(svg.querySelectorAll(".sg-bg"), function (r) { r.setAttribute("width", width); });
    relayout();
  }
  window.addEventListener("resize", fitWidth);
  function zoom(factor) {
    var mid = N ? dayNumber(D.entries[cur].day) : (t0 + t1) / 2, half = Math.max((t1 - t0) * factor / 2, 15);
    t0 = Math.max(Math.round(mid - half), T0); t1 = Math.min(Math.round(mid + half), T1);
    relayout();
  }
  function setRange() {
    var a = Date.parse($("sg-from").value), b = Date.parse($("sg-to").value);
    if (!isNaN(a) && !isNaN(b) && b > a) { t0 = Math.round(a / 86400000); t1 = Math.round(b / 86400000); relayout(); }
  }
  if (plot) {
    $("sg-zoom-in").addEventListener("click", function () { zoom(0.5); });
    $("sg-zoom-out").addEventListener("click", function () { zoom(2); });
    $("sg-zoom-fit").addEventListener("click", function () { t0 = T0; t1 = T1; relayout(); });
    $("sg-from").addEventListener("change", setRange);
    $("sg-to").addEventListener("change", setRange);
    Array.prototype.forEach.call(plot.querySelectorAll(".entry"), function (g) {
      g.addEventListener("click", function () { showEntry(+g.getAttribute("data-s")); });
    });
  }
  function updateTimeline() {
    if (!plot) return;
    var ranks = {};
    D.findings.forEach(function (f) {
      if (f.step > cur) return;
      if (selected === null) ranks[f.at] = true;
      else if (f.rank === selected) f.events.forEach(function (s) { ranks[s] = true; });
    });
    Array.prototype.forEach.call(plot.querySelectorAll("[data-s]"), function (g) {
      var s = +g.getAttribute("data-s");
      g.classList.toggle("sg-later", s > cur);
      g.classList.toggle("sg-now", s === cur);
      var ring = g.querySelector(".ring");
      if (ring) ring.setAttribute("display", ranks[s] ? "inline" : "none");
    });
  }

  // The timeline keeps the moment in view: an episode fills it; an entry outside the
  // window moves the window to it.
  function follow() {
    if (!plot || !N) return;
    var k = mode === "episode" ? episodeAt(cur) : -1;
    if (k >= 0) {
      var a = dayNumber(D.entries[D.episodes[k].first].day), b = dayNumber(D.entries[D.episodes[k].last].day);
      var pad = Math.max(15, Math.round((b - a) * 0.05));
      t0 = Math.max(a - pad, T0); t1 = Math.min(b + pad, T1);
      relayout();
      return;
    }
    var t = dayNumber(D.entries[cur].day);
    if (t < t0 || t > t1) {
      var half = (t1 - t0) / 2;
      t0 = Math.max(Math.round(t - half), T0); t1 = Math.min(Math.round(t + half), T1);
      relayout();
    }
  }

  // -- the grid ------------------------------------------------------------------------
  var FILL = { recorded: "#1e8449", learnt: "#a9dfbf", not_told: "#f5b7b1", "": "#ffffff" };
  function updateGrid() {
    Array.prototype.forEach.call(document.querySelectorAll("#sg-grid .sg-col"), function (c) {
      c.classList.toggle("sg-later", +c.getAttribute("data-s") > cur);
    });
    Array.prototype.forEach.call(document.querySelectorAll("#sg-grid .sg-cell"), function (c) {
      var s = +c.getAttribute("data-s"), kind = c.getAttribute("data-k"), at = c.getAttribute("data-at");
      var state = "", text = "";
      if (s > cur) { state = "later"; }
      else if ((kind === "recorded" || kind === "learnt") && at !== "" && +at <= cur) {
        state = kind; text = kind === "recorded" ? "rec." : shortDate(c.getAttribute("data-day"));
      } else if (kind === "not_told") { state = "not_told"; text = "\u2715"; }
      else if (kind === "recorded" || kind === "learnt") { state = "not_yet"; text = "\u2026"; }
      c.setAttribute("data-state", state);
      c.classList.toggle("sg-later", state === "later");
      c.querySelector("rect").setAttribute("fill", FILL[state] || "#ffffff");
      var t = c.querySelector("text");
      t.textContent = text;
      t.setAttribute("fill", state === "recorded" ? "#ffffff" : state === "not_told" ? "#922b21" : "#1d2330");
    });
  }
  Array.prototype.forEach.call(document.querySelectorAll("#sg-grid .sg-cell"), function (c) {
    c.addEventListener("click", function () { showCell(c); });
  });

  // -- the panel: findings, and what was clicked --------------------------------------------
  var panel = $("sg-panel-body"), panelTitle = $("sg-panel-title");
  function clear(title) { panelTitle.textContent = title; while (panel.firstChild) panel.removeChild(panel.firstChild); }
  function entryBlock(i) {
    var e = D.entries[i], box = el("div", null, "sg-entry");
    var head = el("div", null, "sg-entry-head");
    head.appendChild(el("strong", e.date));
    head.appendChild(el("span", " " + D.agencies[e.agency].label + " \u00b7 " + words(e.type) + (e.meeting ? " (" + words(e.meeting) + ")" : "")));
    box.appendChild(head);
    box.appendChild(el("p", e.summary));
    var facts = [];
    if (e.persons.length) facts.push("About: " + e.persons.map(function (p) { return D.persons[p[0]].label + " (" + words(p[1]) + ")"; }).join(", "));
    if (e.risks.length) facts.push("Risks: " + e.risks.map(words).join(", ") + (e.risk_level ? " (" + e.risk_level + ")" : ""));
    if (e.to.length) facts.push("Reached: " + e.to.map(function (a) { return D.agencies[a].label; }).join(", "));
    if (e.not_to.length) facts.push("Not shared with: " + e.not_to.map(function (a) { return D.agencies[a].label; }).join(", "));
    facts.push("Source: " + (e.source || "\u2014") + (e.where ? " (" + e.where + ")" : "") + " \u00b7 entry " + e.id);
    facts.forEach(function (f) { box.appendChild(el("div", f, "sg-fact")); });
    return box;
  }
  function showEntry(i) { clear("Entry " + (i + 1) + " of " + N); panel.appendChild(entryBlock(i)); }
  function showEntries(title, steps) {
    clear(title);
    var shown = steps.filter(function (s) { return s <= cur; });
    if (!shown.length) panel.appendChild(el("p", "Nothing yet at this point in the chronology."));
    shown.forEach(function (s) { panel.appendChild(entryBlock(s)); });
  }
  function showNode(id) {
    var i = +id.slice(1), steps = [];
    if (id.charAt(0) === "p") {
      var p = D.persons[i];
      D.entries.forEach(function (e, s) { if (e.persons.some(function (q) { return q[0] === i; })) steps.push(s); });
      showEntries(p.label + (p.role ? " \u00b7 " + words(p.role) : "") + (p.born ? " \u00b7 born " + p.born : ""), steps);
    } else {
      var a = D.agencies[i];
      D.entries.forEach(function (e, s) { if (e.agency === i) steps.push(s); });
      showEntries(a.label + " \u00b7 " + a.type_label + (a.area ? " \u00b7 " + a.area : ""), steps);
    }
  }
  function showEdge(id) {
    var kind = id.charAt(0), rest = id.slice(1);
    if (kind === "i") { var l = D.involvement[+rest]; showEntries(D.agencies[l.agency].label + " \u2014 " + D.persons[l.person].label, l.steps); }
    else if (kind === "f") { var f = D.flows[+rest]; showEntries(D.agencies[f.from].label + " \u2192 " + D.agencies[f.to].label + " (" + f.kinds.join(", ") + ")", f.steps); }
    else if (kind === "r") { var r = D.relations[+rest]; clear(D.persons[r.a].label + " \u2014 " + D.persons[r.b].label); panel.appendChild(el("p", words(r.kind))); }
    else if (kind === "g") {
      var ranks = gapRanks()[id] || [];
      clear("Gap" + (ranks.length > 1 ? "s " : " ") + ranks.map(function (r) { return "#" + r; }).join(", "));
      ranks.forEach(function (r) { panel.appendChild(findingBlock(D.findings.filter(function (f) { return f.rank === r; })[0], true)); });
    }
  }
  function showCell(c) {
    var a = +c.getAttribute("data-a"), col = +c.getAttribute("data-c"), s = D.grid.columns[col];
    var state = c.getAttribute("data-state"), ag = D.agencies[a].label;
    var says = { recorded: ag + " recorded this entry.", learnt: ag + " learnt of it on " + c.getAttribute("data-day") + ".",
                 not_told: ag + " never knew of it, though it was working with the family at the time.",
                 not_yet: ag + " had not yet learnt of it at this point.", later: "Not yet in the chronology at this point." };
    clear(ag);
    panel.appendChild(el("p", says[state] || (ag + " never knew of it and was not involved with the family then."), "sg-says"));
    if (s <= cur) panel.appendChild(entryBlock(s));
  }
  function findingBlock(f, full) {
    var box = el("div", null, "sg-finding" + (selected === f.rank ? " sg-picked" : ""));
    var head = el("div", null, "sg-finding-head");
    head.appendChild(el("span", "#" + f.rank, "sg-rank"));
    head.appendChild(el("strong", " " + f.title));
    head.appendChild(el("span", " score " + f.score + (f.level ? " \u00b7 " + words(f.level) : ""), "sg-score"));
    box.appendChild(head);
    box.appendChild(el("p", f.summary));
    if (full) {
      if (f.reasons.length) box.appendChild(el("div", "Why it ranks here: " + f.reasons.join("; "), "sg-fact"));
      f.events.forEach(function (s) { box.appendChild(entryBlock(s)); });
    }
    box.addEventListener("click", function () {
      selected = selected === f.rank ? null : f.rank;
      update();
      if (selected !== null) { clear("Finding #" + f.rank); panel.appendChild(findingBlock(f, true)); addBack(); }
      else showFindings();
    });
    return box;
  }
  function addBack() {
    var back = el("button", "All findings", "sg-back");
    back.addEventListener("click", function () { selected = null; update(); showFindings(); });
    panel.insertBefore(back, panel.firstChild);
  }
  function showFindings() {
    var shown = D.findings.filter(function (f) { return f.step <= cur; });
    clear("Headline findings (" + shown.length + " of " + D.findings.length + " so far)");
    panel.appendChild(el("p", "Ranked by score: how strongly each should be put to the panel (what the review " +
      "itself states, the risk, a child, what followed). Confirmed: the review states the gap; no record: the " +
      "chronology is silent, which is not proof. A finding shows once all its evidence is on the record.", "sg-fact"));
    if (!shown.length) panel.appendChild(el("p", "No headline finding yet at this point in the chronology."));
    var fresh = shown.filter(function (f) { return f.step > previous && previous < cur; });
    if (fresh.length) {
      panel.appendChild(el("h3", "New at this point"));
      fresh.forEach(function (f) { panel.appendChild(findingBlock(f, false)); });
      panel.appendChild(el("h3", "Earlier"));
    }
    shown.filter(function (f) { return fresh.indexOf(f) < 0; }).forEach(function (f) { panel.appendChild(findingBlock(f, false)); });
  }

  // -- time ----------------------------------------------------------------------------
  var slider = $("sg-step");
  function episodeAt(s) {
    for (var k = 0; k < D.episodes.length; k++) if (D.episodes[k].last === s) return k;
    return -1;
  }
  function describeNow() {
    if (N === 0) return "No entries";
    var e = D.entries[cur];
    var text = "Entry " + (cur + 1) + " of " + N + " \u00b7 " + e.date + " \u00b7 " + D.agencies[e.agency].label + ": " + words(e.type) + " \u2014 " + e.summary;
    if (mode === "episode") {
      var k = episodeAt(cur);
      if (k >= 0) text = "Episode " + (k + 1) + " of " + D.episodes.length + ": " + D.episodes[k].label + " (" + D.episodes[k].from + " to " + D.episodes[k].to + ")";
    }
    return text;
  }
  function update() {
    slider.value = cur;
    var now = describeNow();
    $("sg-now").textContent = now;
    $("sg-now").title = now;
    updateMap(); updateTimeline(); updateGrid();
    follow();
    if (network && N) network.selectNodes(["a" + D.entries[cur].agency]);
    document.body.setAttribute("data-step", String(cur));
  }
  var previous = N - 1;
  function go(s) {
    if (N === 0) { $("sg-now").textContent = "No entries"; showFindings(); return; }
    previous = cur;
    cur = Math.max(0, Math.min(N - 1, s));
    update();
    if (selected === null) showFindings();
  }
  function next(dir) {
    if (mode === "episode" && D.episodes.length) {
      var ends = D.episodes.map(function (e) { return e.last; });
      var target = dir > 0 ? ends.filter(function (x) { return x > cur; })[0]
                           : ends.filter(function (x) { return x < cur; }).pop();
      if (target === undefined) target = dir > 0 ? ends[ends.length - 1] : ends[0];
      go(target);
    } else go(cur + dir);
  }
  slider.addEventListener("input", function () { go(+slider.value); });
  $("sg-first").addEventListener("click", function () { go(mode === "episode" && D.episodes.length ? D.episodes[0].last : 0); });
  $("sg-prev").addEventListener("click", function () { next(-1); });
  $("sg-next").addEventListener("click", function () { next(1); });
  $("sg-last").addEventListener("click", function () { go(N - 1); });
  var modeSelect = $("sg-mode");
  modeSelect.addEventListener("change", function () {
    mode = modeSelect.value;
    if (mode === "episode" && D.episodes.length) go(D.episodes[0].last); else update();
  });
  var timer = null, play = $("sg-play");
  play.addEventListener("click", function () {
    if (timer) { clearInterval(timer); timer = null; play.textContent = "Play"; return; }
    if (cur >= N - 1) go(0);
    play.textContent = "Pause";
    timer = setInterval(function () { if (cur >= N - 1) { play.click(); } else next(1); }, mode === "episode" ? 4000 : 1200);
  });
  // A presenter's clicker sends Page Down / Page Up. The keys step through the case
  // whatever has the focus (the slider or a list would otherwise take them and jump or
  // change the mode), except while a date is being typed.
  document.addEventListener("keydown", function (ev) {
    var t = ev.target;
    if (t && t.tagName === "INPUT" && t.type === "date") return;
    var key = ev.key;
    if (key === "ArrowRight" || key === "PageDown" || key === " " || key === "ArrowDown") { next(1); }
    else if (key === "ArrowLeft" || key === "PageUp" || key === "ArrowUp") { next(-1); }
    else if (key === "Home") { go(0); }
    else if (key === "End") { go(N - 1); }
    else return;
    ev.preventDefault();
    ev.stopPropagation();
    if (t && t.blur && t !== document.body) t.blur();
  }, true);

  var toggle = $("sg-panel-toggle");
  toggle.addEventListener("click", function () {
    var hidden = document.body.classList.toggle("sg-no-panel");
    toggle.setAttribute("aria-pressed", hidden ? "false" : "true");
    if (network) { network.setSize("100%", "100%"); network.redraw(); network.fit({ animation: false }); }
    if (view === "timeline") fitWidth();
  });

  // Small screens (a 1280x720 projector) give the picture the room; the panel is a click away.
  if (window.innerWidth < 1500) toggle.click();
  var fit = $("sg-fit");
  if (fit) fit.addEventListener("click", function () { if (network) network.fit({ animation: false }); });
  // Agency and lane names stay in view while the timeline and the grid scroll sideways.
  ["sg-timeline", "sg-grid"].forEach(function (id) {
    var box = $(id);
    box.addEventListener("scroll", function () {
      Array.prototype.forEach.call(box.querySelectorAll(".sg-labels"), function (g) {
        g.setAttribute("transform", "translate(" + box.scrollLeft + ",0)");
      });
    });
  });

  show(view);
  relayout();
  go(cur);
  // For the facilitator's console and the browser tests.
  window.safegraphMap = {
    go: go, step: function () { return cur; }, network: network, edges: edges, showNode: showNode,
    mode: function (m) { modeSelect.value = m; modeSelect.dispatchEvent(new Event("change")); }
  };
})();

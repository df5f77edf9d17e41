// The diagram canvas: zoom, pan and fit on the SVG viewBox; hovering or focusing a component
// highlights its flows; clicking it (or Enter) shows its details from the revision's graph JSON.
// Graphviz gives nodes the id "c-<component id>" and flows the classes
// "flow kind-<kind> from-<source> to-<target>" (diagrams/core/rendering/dot.py).
(function () {
  "use strict";

  var ZOOM_STEP = 1.25;
  var MAX_ZOOM_IN = 10;   // the view may shrink to a tenth of the fitted one
  var MAX_ZOOM_OUT = 4;   // or grow to four times it
  var DRAG_THRESHOLD_PX = 4;
  var NARROW = "(max-width: 900px)";  // the stylesheet's one-column breakpoint
  var MIN_NARROW_HEIGHT = 220;
  var FLASH_MS = 2400;

  function humanKind(kind) {
    return String(kind || "").replace(/_/g, " ");
  }

  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  function readGraph(root) {
    var script = root.querySelector("#graph-data");
    if (!script) return null;
    try { return JSON.parse(script.textContent); } catch (e) { return null; }
  }

  function Canvas(region) {
    this.region = region;
    this.viewport = region.querySelector("#viewport");
    this.svg = this.viewport.querySelector("svg");
    this.graph = readGraph(region) || { components: [], events: [], flows: [], boundaries: [] };
    this.details = region.querySelector("#details");
    this.selected = null;
    var box = this.svg.viewBox.baseVal;
    this.fit = { x: box.x, y: box.y, w: box.width, h: box.height };
    this.view = Object.assign({}, this.fit);
    this.svg.removeAttribute("width");
    this.svg.removeAttribute("height");
    this.svg.setAttribute("preserveAspectRatio", "xMidYMid meet");
    this.svg.setAttribute("focusable", "false");
    this.byId = {};
    var self = this;
    this.graph.components.forEach(function (c) { self.byId[c.id] = c; });
    this.fitHeight();
    this.bindZoom();
    this.bindPan();
    this.bindNodes();
  }

  // On a narrow screen a wide diagram would float in a tall empty box: size the box to it.
  Canvas.prototype.fitHeight = function () {
    if (!window.matchMedia(NARROW).matches) { this.viewport.style.height = ""; return; }
    var wanted = this.viewport.clientWidth * this.fit.h / this.fit.w + 24;
    var most = window.innerHeight * 0.6;
    this.viewport.style.height = Math.round(Math.max(MIN_NARROW_HEIGHT, Math.min(wanted, most))) + "px";
  };

  Canvas.prototype.apply = function () {
    var v = this.view;
    this.svg.setAttribute("viewBox", [v.x, v.y, v.w, v.h].join(" "));
  };

  Canvas.prototype.toSvg = function (clientX, clientY) {
    var point = this.svg.createSVGPoint();
    point.x = clientX;
    point.y = clientY;
    return point.matrixTransform(this.svg.getScreenCTM().inverse());
  };

  Canvas.prototype.centre = function () {
    return { x: this.view.x + this.view.w / 2, y: this.view.y + this.view.h / 2 };
  };

  Canvas.prototype.zoomAt = function (factor, at) {
    var w = Math.min(this.fit.w * MAX_ZOOM_OUT, Math.max(this.fit.w / MAX_ZOOM_IN, this.view.w * factor));
    var f = w / this.view.w;
    this.view.x = at.x - (at.x - this.view.x) * f;
    this.view.y = at.y - (at.y - this.view.y) * f;
    this.view.w *= f;
    this.view.h *= f;
    this.apply();
  };

  Canvas.prototype.zoomFit = function () {
    this.view = Object.assign({}, this.fit);
    this.apply();
  };

  // SVG units per CSS pixel at the current zoom ("meet" scales by the tighter axis).
  Canvas.prototype.unitsPerPixel = function () {
    var r = this.viewport.getBoundingClientRect();
    return Math.max(this.view.w / Math.max(r.width, 1), this.view.h / Math.max(r.height, 1));
  };

  Canvas.prototype.panBy = function (dxPx, dyPx) {
    var k = this.unitsPerPixel();
    this.view.x -= dxPx * k;
    this.view.y -= dyPx * k;
    this.apply();
  };

  Canvas.prototype.bindZoom = function () {
    var self = this;
    this.region.querySelectorAll("[data-zoom]").forEach(function (button) {
      button.addEventListener("click", function () {
        var how = button.getAttribute("data-zoom");
        if (how === "fit") self.zoomFit();
        else self.zoomAt(how === "in" ? 1 / ZOOM_STEP : ZOOM_STEP, self.centre());
      });
    });
    this.viewport.addEventListener("wheel", function (e) {
      e.preventDefault();
      var factor = Math.pow(ZOOM_STEP, Math.max(-2, Math.min(2, e.deltaY / 100)));
      self.zoomAt(factor, self.toSvg(e.clientX, e.clientY));
    }, { passive: false });
    this.viewport.addEventListener("keydown", function (e) {
      var step = 40;
      var keys = {
        "+": function () { self.zoomAt(1 / ZOOM_STEP, self.centre()); },
        "=": function () { self.zoomAt(1 / ZOOM_STEP, self.centre()); },
        "-": function () { self.zoomAt(ZOOM_STEP, self.centre()); },
        "0": function () { self.zoomFit(); },
        ArrowLeft: function () { self.panBy(step, 0); },
        ArrowRight: function () { self.panBy(-step, 0); },
        ArrowUp: function () { self.panBy(0, step); },
        ArrowDown: function () { self.panBy(0, -step); }
      };
      if (e.ctrlKey || e.metaKey || e.altKey || !keys[e.key]) return;
      e.preventDefault();
      keys[e.key]();
    });
  };

  Canvas.prototype.bindPan = function () {
    var self = this;
    var drag = null;
    this.viewport.addEventListener("pointerdown", function (e) {
      if (e.button !== 0) return;
      drag = { id: e.pointerId, x: e.clientX, y: e.clientY, moved: false };
    });
    this.viewport.addEventListener("pointermove", function (e) {
      if (!drag || drag.id !== e.pointerId) return;
      var dx = e.clientX - drag.x;
      var dy = e.clientY - drag.y;
      if (!drag.moved && Math.abs(dx) + Math.abs(dy) < DRAG_THRESHOLD_PX) return;
      if (!drag.moved) {
        drag.moved = true;
        // Capture only once it is a drag, so a plain click still lands on the component.
        self.viewport.setPointerCapture(e.pointerId);
        self.viewport.classList.add("panning");
      }
      self.panBy(dx, dy);
      drag.x = e.clientX;
      drag.y = e.clientY;
    });
    function end(e) {
      if (!drag || drag.id !== e.pointerId) return;
      if (drag.moved) {
        self.suppressClick = true;
        setTimeout(function () { self.suppressClick = false; }, 0);
      }
      self.viewport.classList.remove("panning");
      drag = null;
    }
    this.viewport.addEventListener("pointerup", end);
    this.viewport.addEventListener("pointercancel", end);
  };

  Canvas.prototype.nodeId = function (node) {
    return node.id.indexOf("c-") === 0 ? node.id.slice(2) : null;
  };

  Canvas.prototype.bindNodes = function () {
    var self = this;
    this.svg.querySelectorAll("g.node").forEach(function (node) {
      var id = self.nodeId(node);
      var component = id && self.byId[id];
      if (!component) return;
      node.setAttribute("tabindex", "0");
      node.setAttribute("role", "button");
      node.setAttribute("aria-label", component.name + ", " + humanKind(component.kind) + ": show details");
      node.addEventListener("pointerenter", function () { self.highlight(id); });
      node.addEventListener("pointerleave", function () { self.highlight(self.selected); });
      node.addEventListener("focus", function () { self.highlight(id); });
      node.addEventListener("blur", function () { self.highlight(self.selected); });
      node.addEventListener("click", function () {
        if (!self.suppressClick) self.select(id);
      });
      node.addEventListener("keydown", function (e) {
        if (e.key === "Enter" || e.key === " ") {
          e.preventDefault();
          self.select(id);
        }
      });
    });
    this.region.querySelectorAll("[data-close-details]").forEach(function (button) {
      button.addEventListener("click", function () { self.unselect(); });
    });
    this.region.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && self.selected) self.unselect();
    });
  };

  Canvas.prototype.flowsOf = function (id) {
    var safe = window.CSS && CSS.escape ? CSS.escape(id) : id;
    return this.svg.querySelectorAll(".flow.from-" + safe + ", .flow.to-" + safe);
  };

  Canvas.prototype.highlight = function (id) {
    var svg = this.svg;
    svg.querySelectorAll(".hl").forEach(function (n) { n.classList.remove("hl"); });
    svg.classList.toggle("focusing", Boolean(id));
    if (!id) return;
    var lit = {};
    lit[id] = true;
    this.flowsOf(id).forEach(function (edge) {
      edge.classList.add("hl");
      edge.classList.forEach(function (cls) {
        var m = /^(from|to)-(.+)$/.exec(cls);
        if (m) lit[m[2]] = true;
      });
    });
    Object.keys(lit).forEach(function (key) {
      var node = document.getElementById("c-" + key);
      if (node) node.classList.add("hl");
    });
  };

  Canvas.prototype.select = function (id) {
    var previous = this.selected && document.getElementById("c-" + this.selected);
    if (previous) previous.classList.remove("selected");
    this.selected = id;
    var node = document.getElementById("c-" + id);
    if (node) node.classList.add("selected");
    this.highlight(id);
    this.showDetails(this.byId[id]);
  };

  Canvas.prototype.unselect = function () {
    var node = this.selected && document.getElementById("c-" + this.selected);
    if (node) node.classList.remove("selected");
    this.selected = null;
    this.highlight(null);
    if (this.details) this.details.hidden = true;
    if (node) node.focus();
  };

  // Draw the eye to what a change just added (the components new in this revision).
  Canvas.prototype.flashAdded = function () {
    var ids = (this.region.getAttribute("data-added") || "").split(" ").filter(Boolean);
    var nodes = ids.map(function (id) { return document.getElementById("c-" + id); }).filter(Boolean);
    nodes.forEach(function (node) { node.classList.add("just-added"); });
    setTimeout(function () {
      nodes.forEach(function (node) { node.classList.remove("just-added"); });
    }, FLASH_MS);
  };

  Canvas.prototype.name = function (id) {
    return this.byId[id] ? this.byId[id].name : id;
  };

  Canvas.prototype.showDetails = function (c) {
    if (!this.details || !c) return;
    var self = this;
    var body = this.details.querySelector(".details-body");
    this.details.querySelector("#details-title").textContent = c.name;
    body.textContent = "";
    var facts = el("dl", null, "facts");
    var boundary = (this.graph.boundaries || []).filter(function (b) { return b.id === c.boundary; })[0];
    [["Kind", humanKind(c.kind)], ["Technology", c.technology || "—"],
     ["Boundary", boundary ? boundary.name : null]].forEach(function (pair) {
      if (!pair[1]) return;
      facts.appendChild(el("dt", pair[0]));
      facts.appendChild(el("dd", pair[1], pair[0] === "Kind" ? "detail-kind" : ""));
    });
    body.appendChild(facts);
    if (c.description) body.appendChild(el("p", c.description, "description"));
    var events = this.graph.events || [];
    this.section(body, "Responsibilities", c.responsibilities || [], function (r) { return r; });
    this.section(body, "Produces", events.filter(function (e) { return e.producer === c.id; }), function (e) {
      return e.name + (e.kind === "command" ? " (command)" : "") + (e.channel ? " → " + self.name(e.channel) : "");
    }, "produces");
    this.section(body, "Consumes", events.filter(function (e) { return (e.consumers || []).indexOf(c.id) >= 0; }), function (e) {
      return e.name + " from " + self.name(e.producer);
    }, "consumes");
    this.section(body, "Flows", (this.graph.flows || []).filter(function (f) {
      return f.source === c.id || f.target === c.id;
    }), function (f) {
      var out = f.source === c.id;
      return (out ? "→ " : "← ") + self.name(out ? f.target : f.source) + " (" + f.kind + ")";
    });
    this.details.hidden = false;
    if (window.matchMedia(NARROW).matches) this.details.scrollIntoView({ block: "nearest" });
  };

  Canvas.prototype.section = function (body, title, items, text, className) {
    if (!items.length) return;
    body.appendChild(el("h3", title));
    var list = el("ul", null, className || "");
    items.forEach(function (item) { list.appendChild(el("li", text(item))); });
    body.appendChild(list);
  };

  window.InfraSketchCanvas = {
    mount: function (root) {
      var region = (root || document).querySelector("#canvas-region");
      if (!region || !region.querySelector("#viewport svg")) return null;
      return new Canvas(region);
    }
  };
  window.InfraSketchCanvas.current = window.InfraSketchCanvas.mount(document);
  window.addEventListener("resize", function () {
    var canvas = window.InfraSketchCanvas.current;
    if (canvas && document.body.contains(canvas.viewport)) canvas.fitHeight();
  });
})();

// The map widget: Leaflet over the list of places. Without this script, or without the
// tile server, the list with its links to OpenStreetMap is the widget.
(function () {
  "use strict";
  var box = document.querySelector("[data-map]");
  if (!box || !window.L) return;
  var items = box.parentNode.querySelectorAll(".places li[data-lat]");
  if (!items.length) return;
  box.hidden = false;
  var icon = L.icon({
    iconUrl: box.getAttribute("data-icon"), iconRetinaUrl: box.getAttribute("data-icon2x"),
    shadowUrl: box.getAttribute("data-shadow"), iconSize: [25, 41], iconAnchor: [12, 41], popupAnchor: [1, -34],
    shadowSize: [41, 41]
  });
  var map = L.map(box, { scrollWheelZoom: false });
  L.tileLayer(box.getAttribute("data-tiles"), { maxZoom: 18, attribution: box.getAttribute("data-attribution") }).addTo(map);
  var points = [];
  items.forEach(function (li) {
    var p = [Number(li.getAttribute("data-lat")), Number(li.getAttribute("data-lon"))];
    points.push(p);
    var name = li.getAttribute("data-name");
    L.marker(p, { icon: icon, title: name, alt: name, keyboard: true }).addTo(map).bindPopup(li.querySelector("strong").textContent);
  });
  if (points.length === 1) map.setView(points[0], 14);
  else map.fitBounds(points, { padding: [20, 20] });
})();

// The map widget: the list of places with their links to OpenStreetMap is the widget. The
// interactive map is the reader's choice: nothing is asked of the tile server (a third
// party that would see the reader's address) until the reader presses the button; then
// Leaflet and its stylesheet load from this site and the map draws the places.
(function () {
  "use strict";
  var slot = document.querySelector("[data-map-slot]");
  if (!slot) return;
  var items = slot.parentNode.querySelectorAll(".places li[data-lat]");
  if (!items.length) return;
  var button = slot.querySelector("[data-map-show]");
  var box = slot.querySelector("[data-map]");
  slot.hidden = false;

  function draw() {
    var icon = L.icon({
      iconUrl: slot.getAttribute("data-icon"), iconRetinaUrl: slot.getAttribute("data-icon2x"),
      shadowUrl: slot.getAttribute("data-shadow"), iconSize: [25, 41], iconAnchor: [12, 41], popupAnchor: [1, -34],
      shadowSize: [41, 41]
    });
    box.hidden = false;
    var map = L.map(box, { scrollWheelZoom: false });
    L.tileLayer(slot.getAttribute("data-tiles"), { maxZoom: 18, attribution: slot.getAttribute("data-attribution") }).addTo(map);
    var points = [];
    items.forEach(function (li) {
      var p = [Number(li.getAttribute("data-lat")), Number(li.getAttribute("data-lon"))];
      points.push(p);
      var name = li.getAttribute("data-name");
      L.marker(p, { icon: icon, title: name, alt: name, keyboard: true }).addTo(map).bindPopup(li.querySelector("strong").textContent);
    });
    if (points.length === 1) map.setView(points[0], 14);
    else map.fitBounds(points, { padding: [20, 20] });
    box.focus();
  }

  button.addEventListener("click", function () {
    button.disabled = true;
    button.textContent = "Đang tải bản đồ…";
    var css = document.createElement("link");
    css.rel = "stylesheet";
    css.href = slot.getAttribute("data-css");
    document.head.appendChild(css);
    var js = document.createElement("script");
    js.src = slot.getAttribute("data-js");
    js.onload = function () {
      button.hidden = true;
      draw();
    };
    js.onerror = function () {
      button.disabled = false;
      button.textContent = "Chưa tải được bản đồ. Thử lại";
    };
    document.head.appendChild(js);
  });
})();

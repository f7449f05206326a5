// Shows the names of the files chosen in a .file-picker (hdnd_portal/core/widgets.py), in place
// of the browser's own "No file chosen". Loaded once per widget: the listener is added once.
(function () {
  if (window.portalFilePicker) return;
  window.portalFilePicker = true;
  document.addEventListener("change", function (event) {
    var input = event.target;
    var picker = input && input.closest && input.closest("[data-file-picker]");
    if (!picker || input.type !== "file") return;
    var names = Array.prototype.map.call(input.files || [], function (file) { return file.name; });
    picker.querySelector("[data-file-names]").textContent =
      names.length ? names.join(", ") : picker.getAttribute("data-empty");
  });
})();

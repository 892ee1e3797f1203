// Uploads with a drop zone and progress per file, one file after another. Without this script the form
// posts all files at once and the page shows the results.
(function () {
  "use strict";
  var form = document.getElementById("upload-form");
  if (!form || !window.XMLHttpRequest || !window.FormData) { return; }
  var zone = document.getElementById("drop-zone");
  var input = document.getElementById("files");
  var list = document.getElementById("upload-progress");
  var results = document.getElementById("upload-results");
  var token = form.querySelector("input[name=csrf_token]").value;

  var queue = [];
  var busy = false;

  function next() {
    if (busy || queue.length === 0) { return; }
    busy = true;
    var job = queue.shift();
    job.xhr.send(job.data);
  }

  function send(file) {
    var item = document.createElement("li");
    var name = document.createElement("span");
    var bar = document.createElement("progress");
    name.textContent = file.name;
    bar.max = 100;
    bar.value = 0;
    item.appendChild(name);
    item.appendChild(bar);
    list.appendChild(item);
    var data = new FormData();
    data.append("csrf_token", token);
    data.append("files", file, file.name);
    var xhr = new XMLHttpRequest();
    xhr.open("POST", form.action);
    xhr.setRequestHeader("HX-Request", "true");
    xhr.upload.addEventListener("progress", function (event) {
      if (event.lengthComputable) { bar.value = Math.round(100 * event.loaded / event.total); }
    });
    xhr.addEventListener("loadend", function () { busy = false; next(); });
    xhr.addEventListener("load", function () {
      bar.value = 100;
      item.className = xhr.status === 200 ? "done" : "failed";
      var holder = document.createElement("div");
      holder.innerHTML = xhr.responseText;
      while (holder.firstChild) { results.appendChild(holder.firstChild); }
    });
    xhr.addEventListener("error", function () { item.className = "failed"; });
    queue.push({ xhr: xhr, data: data });
  }

  function sendAll(files) {
    for (var i = 0; i < files.length; i += 1) { send(files[i]); }
    next();
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    sendAll(input.files);
    input.value = "";
  });
  ["dragenter", "dragover"].forEach(function (kind) {
    zone.addEventListener(kind, function (event) {
      event.preventDefault();
      zone.classList.add("over");
    });
  });
  ["dragleave", "drop"].forEach(function (kind) {
    zone.addEventListener(kind, function () { zone.classList.remove("over"); });
  });
  zone.addEventListener("drop", function (event) {
    event.preventDefault();
    sendAll(event.dataTransfer.files);
  });
}());

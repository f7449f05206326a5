// The portal's page script. Templates carry no inline script or event handler (the
// Content-Security-Policy allows scripts from the portal's own files only), so behaviour is
// bound here through data- attributes, by delegation on the document: content that htmx swaps
// in later works without re-binding. Loads nothing else, except the date picker's files on
// pages that have a date field.
(function () {
  "use strict";

  // <select data-submit-on-change>: the language switcher submits its form on a change.
  // <input type="checkbox" data-check-all="SELECTOR">: ticks or clears every box SELECTOR finds.
  document.addEventListener("change", function (event) {
    const el = event.target;
    if (!(el instanceof Element)) return;
    if (el.matches("[data-submit-on-change]") && el.form) {
      el.form.submit();
    } else if (el.matches("[data-check-all]")) {
      document.querySelectorAll(el.dataset.checkAll).forEach(function (box) {
        box.checked = el.checked;
      });
    }
  });

  // --- Dates: dd/mm/yyyy whatever the browser's language (hdnd_portal/core/widgets.py) -------
  const DMY = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
  const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

  // The typed text as a date, or null: strict, so 03/15/2026 is not silently moved to 2027.
  function parseDate(text) {
    const value = (text || "").trim();
    let m = DMY.exec(value);
    let day, month, year;
    if (m) {
      [day, month, year] = [+m[1], +m[2], +m[3]];
    } else if ((m = ISO.exec(value))) {
      [year, month, day] = [+m[1], +m[2], +m[3]];
    } else {
      return null;
    }
    const date = new Date(year, month - 1, day);
    const same =
      date.getFullYear() === year && date.getMonth() === month - 1 && date.getDate() === day;
    return same ? date : null;
  }

  function formatDate(date) {
    const two = (n) => String(n).padStart(2, "0");
    return `${two(date.getDate())}/${two(date.getMonth() + 1)}/${date.getFullYear()}`;
  }

  // A phone's numeric keypad (inputmode="numeric") often has no "/": typing 15032026 gives
  // 15/03/2026. Only when typing at the end, so editing the middle of a date is left alone.
  document.addEventListener("input", function (event) {
    const el = event.target;
    if (!(el instanceof HTMLInputElement) || !el.matches("[data-date-input]")) return;
    if (!event.inputType || !event.inputType.startsWith("insert")) return;
    if (el.selectionStart !== el.value.length) return;
    let value = el.value.replace(/\/{2,}/g, "/");
    if (/^\d{8}$/.test(value)) {
      value = `${value.slice(0, 2)}/${value.slice(2, 4)}/${value.slice(4)}`;
    } else if (/^\d{2}$/.test(value) || /^\d{1,2}\/\d{2}$/.test(value)) {
      value += "/";
    }
    if (value !== el.value) el.value = value;
  });

  // The picker (vanillajs-datepicker) and its stylesheet, fetched once per page.
  let pickerFiles = null;
  function loadPicker(field) {
    if (!pickerFiles) {
      const link = document.createElement("link");
      link.rel = "stylesheet";
      link.href = field.dataset.dateCss;
      document.head.appendChild(link);
      // In order: the locale file registers itself on the Datepicker global.
      pickerFiles = field.dataset.dateJs
        .split(" ")
        .filter(Boolean)
        .reduce(function (previous, src) {
          return previous.then(function () {
            return new Promise(function (resolve, reject) {
              const script = document.createElement("script");
              script.src = src;
              script.onload = resolve;
              script.onerror = reject;
              document.head.appendChild(script);
            });
          });
        }, Promise.resolve());
    }
    return pickerFiles;
  }

  function closePicker(field) {
    const panel = field.querySelector("[data-date-panel]");
    if (!panel || panel.hidden) return;
    panel.hidden = true;
    field.querySelector("[data-date-toggle]").setAttribute("aria-expanded", "false");
  }

  // The calendar opens beside the text box, never on it: what was typed stays as typed (the
  // server answers a wrong date in Vietnamese) and a picked day is written as dd/mm/yyyy.
  function openPicker(field) {
    const input = field.querySelector("[data-date-input]");
    const panel = field.querySelector("[data-date-panel]");
    loadPicker(field).then(function () {
      if (!panel.picker) {
        panel.picker = new window.Datepicker(panel, {
          language: field.dataset.dateLanguage === "vi" ? "vi" : "en",
          format: "dd/mm/yyyy",
          minDate: field.dataset.dateMin,
          maxDate: field.dataset.dateMax,
          weekStart: 1,
          buttonClass: "btn",
          todayButton: true,
          todayButtonMode: 1,
          todayHighlight: true,
        });
        panel.addEventListener("changeDate", function (event) {
          if (panel.syncing || !event.detail.date) return;
          input.value = formatDate(event.detail.date);
          input.dispatchEvent(new Event("change", { bubbles: true }));
          closePicker(field);
          input.focus();
        });
      }
      const typed = parseDate(input.value);
      panel.syncing = true;
      if (typed) panel.picker.setDate(typed);
      else panel.picker.setDate({ clear: true });
      panel.syncing = false;
      panel.hidden = false;
      field.querySelector("[data-date-toggle]").setAttribute("aria-expanded", "true");
    });
  }

  document.addEventListener("click", function (event) {
    const path = event.composedPath();
    const toggle = event.target instanceof Element && event.target.closest("[data-date-toggle]");
    document.querySelectorAll("[data-date-panel]:not([hidden])").forEach(function (panel) {
      const field = panel.closest("[data-date-field]");
      if (!path.includes(field)) closePicker(field);
    });
    if (!toggle) return;
    const field = toggle.closest("[data-date-field]");
    if (field.querySelector("[data-date-panel]").hidden) openPicker(field);
    else closePicker(field);
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    document.querySelectorAll("[data-date-panel]:not([hidden])").forEach(function (panel) {
      const field = panel.closest("[data-date-field]");
      closePicker(field);
      field.querySelector("[data-date-input]").focus();
    });
  });

  // The calendar buttons are hidden until this script runs (without JavaScript the date is
  // typed); pages with a date field fetch the picker while the user reads the form.
  function enhance(root) {
    const toggles = root.querySelectorAll("[data-date-toggle][hidden]");
    toggles.forEach(function (toggle) {
      toggle.hidden = false;
    });
    if (toggles.length) loadPicker(toggles[0].closest("[data-date-field]")).catch(function () {});
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () {
      enhance(document);
    });
  } else {
    enhance(document);
  }
  document.addEventListener("htmx:load", function (event) {
    if (event.target instanceof Element) enhance(event.target);
  });
})();

// voters: <form data-offline-form="KEY" data-offline-csrf="URL"> (a voter meeting, a petition)
// filled where the signal drops is kept in this browser (localStorage) and sent when the
// connection returns, never lost. Every form carries a client uuid (hidden client_uuid): the
// server creates one record per uuid, so a form sent twice is saved once. A resend asks URL
// for a fresh CSRF token first (the page's may have expired meanwhile).
(function () {
  "use strict";
  const STORE = "hdnd-offline-forms";
  const SAVED = "Đã lưu trên máy, sẽ gửi khi có mạng";
  const HEADERS = { "X-Offline-Resend": "1" };

  function load() {
    try {
      return JSON.parse(localStorage.getItem(STORE) || "[]");
    } catch (e) {
      return [];
    }
  }
  function store(items) {
    localStorage.setItem(STORE, JSON.stringify(items));
  }
  function newUuid() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    return "10000000-1000-4000-8000-100000000000".replace(/[018]/g, function (c) {
      return (c ^ (Math.random() * 16) >> (c / 4)).toString(16);
    });
  }
  function say(text, kind) {
    const box = document.querySelector("[data-offline-status]");
    if (!box) return;
    box.textContent = text;
    box.className = "alert alert-" + kind;
  }
  function uuidOf(fields) {
    const pair = fields.find(function (p) { return p[0] === "client_uuid"; });
    return pair ? pair[1] : "";
  }
  function keep(form) {
    const fields = [];
    new FormData(form).forEach(function (value, key) {
      if (typeof value === "string" && key !== "csrfmiddlewaretoken") fields.push([key, value]);
    });
    const uuid = uuidOf(fields);
    const items = load().filter(function (item) { return !uuid || uuidOf(item.fields) !== uuid; });
    items.push({ action: form.action, csrf: form.dataset.offlineCsrf, fields: fields });
    store(items);
    say(SAVED + " (" + items.length + " biểu mẫu đang chờ).", "warning");
    form.reset();
    const hidden = form.querySelector("input[name=client_uuid]");
    if (hidden) hidden.value = newUuid();
  }
  function busy(form, on) {
    form.setAttribute("aria-busy", on ? "true" : "false");
    form.querySelectorAll("input, textarea").forEach(function (el) {
      if (el.type !== "hidden") el.readOnly = on;
    });
    form.querySelectorAll("select, button").forEach(function (el) { el.disabled = on; });
  }
  function isJson(response) {
    return (response.headers.get("content-type") || "").indexOf("application/json") !== -1;
  }

  document.addEventListener("submit", function (event) {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.matches("[data-offline-form]")) return;
    event.preventDefault();
    if (!navigator.onLine) {
      keep(form);
      return;
    }
    if (form.getAttribute("aria-busy") === "true") return; // already on its way
    const body = new FormData(form);
    // While it is on its way the page is about to be replaced: nothing typed meanwhile may be
    // lost, so the form is frozen until the answer comes (or thawed if it never does).
    busy(form, true);
    say("Đang gửi…", "info");
    fetch(form.action, {
      method: "POST", body: body, credentials: "same-origin", headers: HEADERS,
    }).then(function (response) {
      if (!isJson(response)) {
        busy(form, false); // a disabled field would not be sent
        form.submit(); // a refused token, a lost session: let the server's page say so
        return;
      }
      return response.json().then(function (data) {
        if (data.ok) {
          window.location.assign(data.url);
        } else {
          busy(form, false);
          form.submit(); // the form's errors, shown on the page
        }
      });
    }, function () {
      busy(form, false);
      keep(form); // no network after all
    });
  });

  let sending = false;
  function resend() {
    const items = load();
    if (sending || !navigator.onLine || !items.length) return;
    sending = true;
    const tokenUrl = items[0].csrf;
    fetch(tokenUrl, { credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        let sent = 0;
        return items.reduce(function (chain, item) {
          return chain.then(function () {
            const body = new FormData();
            item.fields.forEach(function (pair) { body.append(pair[0], pair[1]); });
            body.append("csrfmiddlewaretoken", data.token);
            return fetch(item.action, {
              method: "POST", body: body, credentials: "same-origin", headers: HEADERS,
            }).then(function (response) {
              if (!isJson(response)) return; // kept for the next try
              const left = load().filter(function (i) { return uuidOf(i.fields) !== uuidOf(item.fields); });
              store(left);
              if (response.ok) sent += 1;
              else say("Một biểu mẫu đã lưu trên máy bị từ chối, vui lòng nhập lại.", "danger");
            });
          });
        }, Promise.resolve()).then(function () {
          if (sent) {
            say("Đã gửi " + sent + " biểu mẫu đã lưu trên máy.", "success");
            if (document.querySelector("[data-offline-form]")) window.location.reload();
          }
        });
      })
      .catch(function () {})
      .then(function () { sending = false; });
  }
  // Back to a page kept in the browser's cache: a form frozen while sending is usable again.
  window.addEventListener("pageshow", function () {
    document.querySelectorAll("form[data-offline-form][aria-busy=true]").forEach(function (f) {
      busy(f, false);
    });
  });
  window.addEventListener("online", resend);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", resend);
  else resend();
})();

// Fields that belong to one kind of record only ("Khiếu nại lần" for a complaint): a form field
// wrapper carries data-show-when-field (the controlling select's id) and data-show-when-values
// (space-separated); it is hidden for the other values. Without JavaScript every field shows,
// and the server still checks them (the model's clean).
(function () {
  function apply(scope) {
    (scope || document).querySelectorAll("[data-show-when-field]").forEach(function (wrapper) {
      const control = document.getElementById(wrapper.getAttribute("data-show-when-field"));
      if (!control) return;
      const wanted = (wrapper.getAttribute("data-show-when-values") || "").split(" ");
      wrapper.hidden = wanted.indexOf(control.value) === -1;
    });
  }
  document.addEventListener("change", function (event) {
    if (event.target && event.target.id && document.querySelector(
      "[data-show-when-field='" + event.target.id + "']")) apply();
  });
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", function () { apply(); });
  else apply();
})();

// Fields with a length limit (data-maxlength, hdnd_portal.core.forms.keep_overlong_input): the
// browser does not cut a pasted text at the limit; past 90 % of it a line under the field counts
// the characters, in red past the limit, and the server refuses an over-long text with the limit.
(function () {
  function count(input) {
    const limit = parseInt(input.getAttribute("data-maxlength"), 10);
    if (!limit) return;
    let note = input.parentNode.querySelector("[data-length-note]");
    const length = input.value.length;
    if (length < limit * 0.9) {
      if (note) note.hidden = true;
      return;
    }
    if (!note) {
      note = document.createElement("div");
      note.setAttribute("data-length-note", "");
      note.setAttribute("aria-live", "polite");
      note.className = "form-text";
      input.insertAdjacentElement("afterend", note);
    }
    note.hidden = false;
    const over = length > limit;
    note.classList.toggle("text-danger", over);
    note.textContent = over
      ? "Quá giới hạn: " + length.toLocaleString("vi-VN") + "/" + limit.toLocaleString("vi-VN") +
        " ký tự — hãy rút gọn " + (length - limit).toLocaleString("vi-VN") + " ký tự."
      : length.toLocaleString("vi-VN") + "/" + limit.toLocaleString("vi-VN") + " ký tự.";
  }
  document.addEventListener("input", function (event) {
    if (event.target && event.target.hasAttribute && event.target.hasAttribute("data-maxlength")) {
      count(event.target);
    }
  });
})();

// Pickers (hdnd_portal.core.pickers): Enter in a picker's search box searches at once and does
// not send the form around it; the answer replaces the dropdown's group of records (htmx), out of
// which the record chosen is first moved, so a new search never loses the choice made.
(function () {
  document.addEventListener("htmx:beforeSwap", function (event) {
    const group = event.detail.target;
    if (!group || group.tagName !== "OPTGROUP") return;
    const select = group.closest("select");
    const chosen = select && select.selectedOptions[0];
    if (chosen && chosen.value && chosen.parentNode === group) select.insertBefore(chosen, group);
  });
  document.addEventListener("keydown", function (event) {
    const box = event.target;
    if (event.key !== "Enter" || !box || box.tagName !== "INPUT" || !box.closest("[data-picker]")) return;
    event.preventDefault();
    if (window.htmx) window.htmx.trigger(box, "search");
  });
})();

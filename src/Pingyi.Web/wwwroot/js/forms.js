// Organization pickers with a type-ahead: an input above each <select data-picker> keeps only the options whose
// name contains what is typed (in tree order) and selects the first of them.
(function () {
    document.querySelectorAll('select[data-picker]').forEach(function (select) {
        var input = document.createElement('input');
        input.type = 'search';
        input.className = 'form-control form-control-sm mb-1';
        input.placeholder = select.getAttribute('data-picker') || '';
        input.setAttribute('aria-label', input.placeholder);
        input.setAttribute('aria-controls', select.id);
        select.parentNode.insertBefore(input, select);
        input.addEventListener('input', function () {
            var q = input.value.trim();
            var first = null;
            Array.prototype.forEach.call(select.options, function (o) {
                var match = q === '' || o.text.indexOf(q) >= 0;
                o.hidden = !match;
                if (match && !first) { first = o; }
            });
            if (q !== '' && first) { select.value = first.value; select.dispatchEvent(new Event('change')); }
        });
    });
})();

// Every text area with a limit shows how much of it is used: "120 / 2000".
(function () {
    document.querySelectorAll('textarea[maxlength], input[maxlength][data-count]').forEach(function (field) {
        var out = document.createElement('div');
        out.className = 'form-text text-end py-count';
        out.setAttribute('aria-live', 'polite');
        field.insertAdjacentElement('afterend', out);
        function show() {
            out.textContent = field.value.length + ' / ' + field.maxLength;
            out.classList.toggle('text-danger', field.value.length >= field.maxLength);
        }
        field.addEventListener('input', show);
        show();
    });
})();

// "全选 / 全不选" beside a list of check boxes: <button data-check-all="name" data-value="true|false">.
(function () {
    document.querySelectorAll('button[data-check-all]').forEach(function (button) {
        button.addEventListener('click', function () {
            var on = button.getAttribute('data-value') === 'true';
            button.form.querySelectorAll('input[type=checkbox][name="' + button.getAttribute('data-check-all') + '"]').forEach(function (box) { box.checked = on; });
        });
    });
})();

// A form that must not be sent twice by a refresh or a double click carries a fresh token per submission
// (<input type="hidden" data-fresh-token>); the server refuses a token it has already seen.
(function () {
    function fresh() { return Date.now().toString(36) + Math.random().toString(36).slice(2) + Math.random().toString(36).slice(2); }
    document.querySelectorAll('input[data-fresh-token]').forEach(function (input) {
        input.value = fresh();
        input.form.addEventListener('submit', function () { setTimeout(function () { input.value = fresh(); }, 0); });
    });
})();

// Behaviour the pages declare instead of inline handlers (the Content-Security-Policy allows no inline script):
// data-confirm on a form or a button asks first; data-autosubmit sends its form on change; data-print prints;
// data-back goes back (its href is where to go without history); data-expand-once="−" marks a toggle opened.
(function () {
    document.addEventListener('submit', function (e) {
        var form = e.target;
        var text = form.getAttribute && form.getAttribute('data-confirm');
        if (text && !(e.submitter && e.submitter.hasAttribute('data-confirm')) && !window.confirm(text)) { e.preventDefault(); }
    }, true);
    document.addEventListener('click', function (e) {
        var el = e.target.closest && e.target.closest('button[data-confirm], a[data-confirm], input[data-confirm]');
        if (el && !window.confirm(el.getAttribute('data-confirm'))) { e.preventDefault(); e.stopImmediatePropagation(); return; }
        var print = e.target.closest && e.target.closest('[data-print]');
        if (print) { e.preventDefault(); window.print(); return; }
        var back = e.target.closest && e.target.closest('a[data-back]');
        if (back && window.history.length > 1) { e.preventDefault(); window.history.back(); return; }
        var toggle = e.target.closest && e.target.closest('[data-expand-once]');
        if (toggle) { toggle.setAttribute('aria-expanded', 'true'); toggle.textContent = toggle.getAttribute('data-expand-once'); }
    }, true);
    document.addEventListener('change', function (e) {
        if (e.target.hasAttribute && e.target.hasAttribute('data-autosubmit') && e.target.form) {
            if (e.target.form.requestSubmit) { e.target.form.requestSubmit(); } else { e.target.form.submit(); }
        }
    });
})();

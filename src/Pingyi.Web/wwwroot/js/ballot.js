// Rater's ballot page. Plain ES5 and XMLHttpRequest so old Android browsers work; small, one request per step.
(function () {
    'use strict';
    var code = (location.hash || '').replace('#', '').toUpperCase();
    var sheet = null;
    var current = null;
    var chosen = null;
    var lastReceipt = null;
    // Every receipt of this visit, one per reporter scored, so the rater can note them all (not only the last).
    var receipts = [];
    var $ = function (id) { return document.getElementById(id); };

    function show(id, on) { $(id).className = $(id).className.replace(/ ?hidden/g, '') + (on ? '' : ' hidden'); }

    function message(text, ok) {
        var m = $('message');
        m.textContent = text;
        m.className = 'card ' + (ok ? 'ok' : 'error') + (text ? '' : ' hidden');
    }

    function request(method, url, body, done) {
        var xhr = new XMLHttpRequest();
        xhr.open(method, url, true);
        xhr.setRequestHeader('X-Rater-Code', code);
        xhr.setRequestHeader('Accept', 'application/json');
        if (body) { xhr.setRequestHeader('Content-Type', 'application/json'); }
        xhr.timeout = 20000;
        xhr.onload = function () {
            var data = null;
            try { data = JSON.parse(xhr.responseText); } catch (e) { data = null; }
            done(xhr.status, data);
        };
        xhr.onerror = xhr.ontimeout = function () { done(0, null); };
        xhr.send(body ? JSON.stringify(body) : null);
    }

    function newId() {
        var s = '';
        var bytes = window.crypto && window.crypto.getRandomValues ? window.crypto.getRandomValues(new Uint8Array(16)) : null;
        for (var i = 0; i < 16; i++) { s += ((bytes ? bytes[i] : Math.floor(Math.random() * 256)) + 256).toString(16).substr(1); }
        return s;
    }

    function key(reporterId) { return 'pingyi-ballot-' + code + '-' + reporterId; }

    function load() {
        request('GET', '/api/v1/ballot-sheet', null, function (status, data) {
            if (status === 200) {
                sheet = data;
                $('title').textContent = data.title;
                $('subtitle').textContent = data.group + (data.rehearsal ? ' · 试运行（测试码，不计入结果）' : '');
                show('enter', false);
                renderList();
                resend();
            } else if (status === 401) {
                show('enter', true);
                message(data && data.detail ? data.detail : '评议码无效。');
            } else if (status === 429) {
                message(data && data.detail ? data.detail : '请一分钟后再试。');
                setTimeout(load, 60000);
            } else {
                message('网络不稳定，正在重试…');
                setTimeout(load, 3000);
            }
        });
    }

    function renderList() {
        var list = $('list');
        list.innerHTML = '';
        var pending = 0;
        sheet.reporters.forEach(function (r) {
            var b = document.createElement('button');
            b.type = 'button';
            var state = r.done ? '已评' : r.state === 'Open' ? '待评' : r.state === 'Closed' ? '已结束' : '未开始';
            b.className = 'reporter' + (r.done ? ' done' : r.state === 'Open' ? ' open' : '');
            b.setAttribute('data-reporter', r.id);
            var s = document.createElement('span');
            s.className = 'state';
            s.textContent = state;
            b.appendChild(s);
            b.appendChild(document.createTextNode(r.order + '. ' + r.name + '（' + r.organization + '）'));
            b.disabled = r.done || r.state !== 'Open';
            if (!b.disabled) { pending++; }
            b.onclick = function () { open(r); };
            list.appendChild(b);
        });
        show('list', true);
        show('ballot', false);
        var all = sheet.reporters.every(function (r) { return r.done; });
        var text = (receipts.length ? '已提交，回执 ' + receipts.join('、') + '（请记下，可在会后核对）。' : '') + (all ? '您已完成全部评议，谢谢！' : '');
        message(text, true);
        var link = $('receipts-link');
        link.href = '/Meetings/Receipts/' + sheet.meetingId + (lastReceipt ? '?r=' + encodeURIComponent(lastReceipt) : '');
        show('receipts-link', !!lastReceipt);
    }

    function open(r) {
        current = r;
        chosen = null;
        $('who').textContent = r.order + '. ' + r.name + '（' + r.organization + '）';
        show('grade-part', sheet.parts !== 'indicators');
        var buttons = document.querySelectorAll('.grades button');
        for (var i = 0; i < buttons.length; i++) {
            buttons[i].setAttribute('aria-pressed', 'false');
            buttons[i].hidden = !!sheet.gradeLabels && !sheet.gradeLabels[i];
            if (sheet.gradeLabels && sheet.gradeLabels[i]) { buttons[i].textContent = sheet.gradeLabels[i]; }
        }
        var box = $('indicators');
        box.innerHTML = '';
        sheet.indicators.forEach(function (ind, i) {
            var l = document.createElement('label');
            l.setAttribute('for', 'ind' + i);
            l.textContent = ind.name + '（满分 ' + ind.maxPoints + '）';
            var input = document.createElement('input');
            input.id = 'ind' + i;
            input.type = 'number';
            input.inputMode = 'decimal';
            input.min = 0;
            input.max = ind.maxPoints;
            input.step = '0.5';
            input.oninput = check;
            box.appendChild(l);
            box.appendChild(input);
        });
        var cat = $('category');
        cat.innerHTML = '';
        ['（不提意见）'].concat(sheet.opinionCategories).forEach(function (c, i) {
            var o = document.createElement('option');
            o.value = i === 0 ? '' : c;
            o.textContent = c;
            cat.appendChild(o);
        });
        $('opinion').value = '';
        if (sheet.opinionPrompt) { $('opinion').placeholder = sheet.opinionPrompt + '（不超过 ' + $('opinion').getAttribute('data-max') + ' 字）'; }
        $('ballot-error').textContent = '';
        show('list', false);
        show('ballot', true);
        message('');
        check();
        window.scrollTo(0, 0);
    }

    function indicatorValues() {
        var values = [];
        for (var i = 0; i < sheet.indicators.length; i++) {
            var v = $('ind' + i).value;
            if (v === '' || isNaN(Number(v)) || Number(v) < 0 || Number(v) > sheet.indicators[i].maxPoints) { return null; }
            values.push(Number(v));
        }
        return values;
    }

    function check() {
        var needGrade = sheet.parts !== 'indicators';
        var needIndicators = sheet.parts !== 'grade';
        var complete = (!needGrade || chosen) && (!needIndicators || indicatorValues());
        var hasOpinion = $('opinion').value.replace(/\s/g, '') !== '';
        if (hasOpinion && !$('category').value) {
            complete = false;
            $('ballot-error').textContent = '请为意见建议选择类别。';
        } else {
            $('ballot-error').textContent = '';
        }
        $('submit').disabled = !complete;
        return complete;
    }

    function pendingBallots() {
        var list = [];
        for (var i = 0; i < localStorage.length; i++) {
            var k = localStorage.key(i);
            if (k.indexOf('pingyi-ballot-' + code + '-') === 0) { list.push(JSON.parse(localStorage.getItem(k))); }
        }
        return list;
    }

    function send(body, done) {
        request('POST', '/api/v1/ballots', body, function (status, data) {
            if (status === 201) {
                localStorage.removeItem(key(body.reporterId));
                done(true, '已提交。回执：', data.receipt);
            } else if (status === 0 || status >= 500 || status === 429) {
                done(false, status === 429 && data && data.detail ? data.detail : '网络不稳定，您的票已保存在本机，将自动重新提交…', null, true);
                setTimeout(function () { send(body, done); }, status === 429 ? 60000 : 4000);
            } else {
                localStorage.removeItem(key(body.reporterId));
                done(false, data && data.detail ? data.detail : '提交失败。', null);
            }
        });
    }

    // Ballots whose answer was lost are sent again with the same submission id: counted once, same receipt.
    function resend() {
        pendingBallots().forEach(function (body) {
            send(body, function (ok, text, receipt) { if (ok) { markDone(body.reporterId, receipt); } });
        });
    }

    function markDone(reporterId, receipt) {
        sheet.reporters.forEach(function (r) { if (r.id === reporterId) { r.done = true; } });
        lastReceipt = receipt || lastReceipt;
        if (receipt && receipts.indexOf(receipt) < 0) { receipts.push(receipt); }
        renderList();
    }

    document.querySelector('.grades').onclick = function (e) {
        var g = e.target.getAttribute && e.target.getAttribute('data-grade');
        if (!g) { return; }
        chosen = g;
        var buttons = document.querySelectorAll('.grades button');
        for (var i = 0; i < buttons.length; i++) { buttons[i].setAttribute('aria-pressed', buttons[i] === e.target ? 'true' : 'false'); }
        check();
    };
    $('opinion').oninput = check;
    $('category').onchange = check;
    $('back').onclick = renderList;
    $('ballot').onsubmit = function (e) {
        e.preventDefault();
        if (!check()) { return; }
        var text = $('opinion').value.replace(/^\s+|\s+$/g, '');
        var body = {
            meetingId: sheet.meetingId,
            reporterId: current.id,
            grade: sheet.parts !== 'indicators' ? chosen : null,
            indicators: sheet.parts !== 'grade' ? indicatorValues() : null,
            opinion: text ? { category: $('category').value, text: text } : null,
            submissionId: newId()
        };
        localStorage.setItem(key(body.reporterId), JSON.stringify(body));
        $('submit').disabled = true;
        $('submit').textContent = '正在提交…';
        send(body, function (ok, textMessage, receipt, retrying) {
            $('submit').textContent = '提交（提交后不能修改）';
            if (ok) {
                markDone(body.reporterId, receipt);
            } else if (retrying) {
                $('ballot-error').textContent = textMessage;
            } else {
                $('ballot-error').textContent = textMessage;
                load();
            }
        });
    };
    // Another code opened in the same tab (a phone shared by two raters): start over with that code, never the first one's sheet.
    window.addEventListener('hashchange', function () {
        var next = (location.hash || '').replace('#', '').replace(/[\s-]/g, '').toUpperCase();
        if (next !== (code || '').replace(/[\s-]/g, '')) { location.reload(); }
    });
    $('enter').onsubmit = function (e) {
        e.preventDefault();
        code = $('code').value.replace(/[\s-]/g, '').toUpperCase();
        location.hash = code;
        load();
    };

    function live() {
        if (!window.signalR || !window.Promise || !sheet) { return false; }
        var connection = new signalR.HubConnectionBuilder().withUrl('/hubs/meetings', { skipNegotiation: true, transport: signalR.HttpTransportType.WebSockets }).withAutomaticReconnect().build();
        connection.on('states', function (states) {
            states.forEach(function (s) { sheet.reporters.forEach(function (r) { if (r.id === s.id) { r.state = s.state; } }); });
            if (!$('ballot').className.match(/hidden/) && current) { return; }
            renderList();
        });
        var watch = function () { return connection.invoke('WatchSheet', sheet.meetingId); };
        connection.onreconnected(watch);
        connection.start().then(watch).then(function () { document.body.setAttribute('data-live', 'true'); })['catch'](function () { poll(); });
        return true;
    }

    function poll() { setInterval(function () { if ($('ballot').className.match(/hidden/)) { load(); } }, 15000); }

    if (code) { load(); } else { show('enter', true); }
    var tries = 0;
    var wait = setInterval(function () {
        tries++;
        if (live() || tries > 20) {
            clearInterval(wait);
            if (tries > 20) { poll(); }
        }
    }, 500);
})();

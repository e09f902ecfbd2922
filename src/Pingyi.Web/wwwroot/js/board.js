// The big screen: SignalR pushes the board state; nothing is polled.
(function () {
    var body = document.body;
    var meetingId = Number(body.getAttribute('data-meeting'));
    var L = JSON.parse(body.getAttribute('data-labels'));
    var names = JSON.parse(body.getAttribute('data-names'));
    var grades = names.grades;
    var stages = names.stages;
    var chart = null;
    var status = document.getElementById('status');

    function text(tag, value, cls) {
        var e = document.createElement(tag);
        e.textContent = value;
        if (cls) { e.className = cls; }
        return e;
    }

    function render(state) {
        document.getElementById('title').textContent = state.title;
        document.getElementById('stage').textContent = state.cycle + ' · ' + (stages[state.stage] || state.stage) +
            (state.rehearsal ? ' · ' + L['试运行'] : '') + (state.published ? ' · ' + L['已发布'] : '');
        body.setAttribute('data-stage', state.stage);
        var current = document.getElementById('current');
        var several = state.openCount > 1;
        current.textContent = state.current
            ? L['正在评议'] + '：' + state.current.order + '. ' + state.current.name + '（' + state.current.organization + '）'
            : several ? L['正在评议'] + '：' + state.openCount + ' ' + L['名述职人同时评分']
            : (state.results ? L['评分已结束'] : L['评分未开始']);
        var expectedAll = state.groups.reduce(function (n, g) { return n + g.expected; }, 0);
        body.classList.toggle('py-dense', state.reporters.length > 8);
        var list = document.getElementById('reporters');
        list.innerHTML = '';
        list.classList.toggle('d-none', !several || !!state.results);
        if (several && !state.results) {
            state.reporters.forEach(function (r) {
                var li = text('li', r.order + '. ' + r.name + '（' + r.organization + '）', 'list-group-item d-flex justify-content-between');
                li.setAttribute('data-reporter', r.id);
                li.appendChild(text('span', (r.state === 'Open' ? L['已投'] + ' ' + r.cast + ' / ' + expectedAll : (names.states[r.state] || r.state)), 'cast fw-bold'));
                list.appendChild(li);
            });
        }
        var groups = document.getElementById('groups');
        groups.innerHTML = '';
        state.groups.forEach(function (g) {
            var col = document.createElement('div');
            col.className = 'col';
            col.setAttribute('role', 'listitem');
            col.setAttribute('data-group', g.key);
            var panel = document.createElement('div');
            panel.className = 'panel text-center';
            panel.appendChild(text('div', g.name, 'fs-4'));
            panel.appendChild(text('div', L['已投'] + ' ' + g.cast + ' / ' + g.expected * Math.max(1, state.openCount), 'big cast'));
            panel.appendChild(text('div', L['应到'] + ' ' + g.expected + ' · ' + L['实到'] + ' ' + g.present, 'fs-5'));
            col.appendChild(panel);
            groups.appendChild(col);
        });
        var results = document.getElementById('results');
        groups.style.display = state.results ? 'none' : '';
        if (!state.results) {
            results.classList.add('d-none');
            return;
        }
        results.classList.remove('d-none');
        var rows = document.getElementById('rows');
        rows.innerHTML = '';
        var ordered = state.results.slice().sort(function (a, b) { return (a.position || 1e9) - (b.position || 1e9) || a.order - b.order; });
        ordered.forEach(function (r) {
            var tr = document.createElement('tr');
            tr.appendChild(text('td', r.position || '—'));
            tr.appendChild(text('td', r.name));
            tr.appendChild(text('td', r.organization));
            tr.appendChild(text('td', r.composite || '—', 'text-end fw-bold'));
            tr.appendChild(text('td', grades[r.grade] || '—'));
            rows.appendChild(tr);
        });
        if (window.echarts) {
            chart = chart || echarts.init(document.getElementById('chart'));
            var shown = ordered.filter(function (r) { return r.composite; }).reverse();
            chart.setOption({
                textStyle: { color: '#fff' },
                grid: { left: 120, right: 40, top: 10, bottom: 30 },
                // Starts at 0: a value axis cut at the lowest score makes small gaps look large.
                xAxis: { type: 'value', min: 0, axisLabel: { color: '#fff' } },
                yAxis: { type: 'category', data: shown.map(function (r) { return r.name; }), axisLabel: { color: '#fff' } },
                series: [{ type: 'bar', name: L['综合得分'], data: shown.map(function (r) { return Number(r.composite); }), itemStyle: { color: '#ffd98a' },
                    label: { show: true, position: 'right', color: '#fff' } }]
            });
        }
    }

    var connection = new signalR.HubConnectionBuilder().withUrl('/hubs/meetings', { skipNegotiation: true, transport: signalR.HttpTransportType.WebSockets }).withAutomaticReconnect([0, 1000, 2000, 5000, 10000, 10000, 30000]).build();
    connection.on('board', render);
    function watch() {
        return connection.invoke('WatchBoard', meetingId).then(function (state) {
            render(state);
            status.textContent = L['已连接'];
            body.setAttribute('data-connected', 'true');
        });
    }
    connection.onreconnecting(function () { status.textContent = L['连接中断，正在重连…']; body.setAttribute('data-connected', 'false'); });
    connection.onreconnected(watch);
    connection.onclose(function () { setTimeout(start, 3000); });
    function start() { connection.start().then(watch).catch(function () { setTimeout(start, 3000); }); }
    start();
    window.addEventListener('resize', function () { if (chart) { chart.resize(); } });
})();

// The statistics board's charts: a number (or a share) by the organizations below as bars and on their map, the year by month.
(function () {
    var holder = document.getElementById('charts');
    if (!holder || !window.echarts) { return; }
    var data = JSON.parse(holder.getAttribute('data-charts'));
    // Chart labels are the short names (OrganizationNames.Short); the tables keep the full names.
    var names = data.shortNames;
    var select = document.getElementById('chart-figure');
    var choices = data.figures.map(function (f) { return { label: f.label, values: f.byChild, percent: false }; })
        .concat(data.ratios.map(function (r) { return { label: r.label, values: r.byChild.map(function (v) { return v === null ? null : Math.round(v * 1000) / 10; }), percent: true, target: r.target }; }));
    choices.forEach(function (c, i) {
        var option = document.createElement('option');
        option.value = i;
        option.textContent = c.label;
        select.appendChild(option);
    });
    var bars = document.getElementById('chart-bars') ? echarts.init(document.getElementById('chart-bars')) : null;
    var mapHolder = document.getElementById('chart-map');
    var map = null;
    var mapName = 'pingyi-' + data.root;

    function nameMap() {
        var m = {};
        data.children.forEach(function (n, i) { m[n] = names[i]; });
        return m;
    }

    function draw() {
        var c = choices[Number(select.value) || 0];
        if (!c) { return; }
        var unit = c.percent ? '%' : '';
        if (bars) {
            bars.setOption({
                tooltip: { trigger: 'axis' },
                grid: { left: 8, right: 16, top: 24, bottom: 8, containLabel: true },
                xAxis: { type: 'category', data: names, axisLabel: { interval: 0, rotate: data.children.length > 6 ? 40 : 0 } },
                // Starts at 0: bars cut above 0 make small differences look large.
                yAxis: { type: 'value', min: 0, axisLabel: { formatter: '{value}' + unit } },
                series: [{ type: 'bar', name: c.label, data: c.values, itemStyle: { color: '#c8161d' },
                    markLine: c.target ? { symbol: 'none', data: [{ yAxis: c.target * 100, name: data.labels.target }], label: { formatter: data.labels.target + ' {c}%' } } : undefined }]
            }, true);
        }
        if (map) {
            var values = c.values.filter(function (v) { return v !== null; });
            map.setOption({
                tooltip: { trigger: 'item', formatter: function (p) { return p.name + '：' + (isNaN(p.value) ? data.labels.noData : p.value + unit); } },
                visualMap: { min: Math.min.apply(null, values.concat([0])), max: Math.max.apply(null, values.concat([1])), left: 8, bottom: 8, calculable: true, inRange: { color: ['#fde0d9', '#c8161d'] }, text: ['', ''] },
                series: [{ type: 'map', map: mapName, name: c.label, roam: false, layoutSize: '95%', label: { show: true, fontSize: 11, color: '#222', textBorderColor: '#fff', textBorderWidth: 2 },
                    nameMap: nameMap(), data: names.map(function (name, i) { return { name: name, value: c.values[i] === null ? NaN : c.values[i] }; }) }]
            }, true);
        }
    }

    var trend = echarts.init(document.getElementById('chart-trend'));
    trend.setOption({
        tooltip: { trigger: 'axis' },
        legend: { top: 0 },
        grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
        xAxis: { type: 'category', data: data.months },
        yAxis: { type: 'value', min: 0 },
        series: data.trends.map(function (t) { return { type: 'line', name: t.label, data: t.months, smooth: false }; })
    });

    select.addEventListener('change', draw);
    draw();
    if (mapHolder) {
        fetch(mapHolder.getAttribute('data-map'), { credentials: 'same-origin' })
            .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
            .then(function (geo) {
                echarts.registerMap(mapName, geo);
                map = echarts.init(mapHolder);
                mapHolder.setAttribute('data-ready', 'true');
                draw();
            })
            .catch(function () { mapHolder.textContent = data.labels.noData; });
    }
    window.addEventListener('resize', function () { [bars, map, trend].forEach(function (c) { if (c) { c.resize(); } }); });
})();

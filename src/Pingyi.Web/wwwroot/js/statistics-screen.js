// The big screen of the statistics board: the map and the bars of members by the organizations below, the year by month,
// the grade distribution. Everything fits the 1920×1080 display; the charts follow its size.
(function () {
    var screen = document.getElementById('screen');
    if (!screen || !window.echarts) { return; }
    var data = JSON.parse(screen.getAttribute('data-charts'));
    var names = data.shortNames;
    var nameMap = {};
    data.children.forEach(function (n, i) { nameMap[n] = names[i]; });
    var white = { color: '#fff' };
    function figure(key) { return data.figures.filter(function (f) { return f.key === key; })[0]; }
    var charts = [];
    function chart(id, option) { var c = echarts.init(document.getElementById(id)); c.setOption(option); charts.push(c); return c; }

    var members = figure('mem.all');
    chart('screen-bars', {
        textStyle: white, grid: { left: 8, right: 16, top: 8, bottom: 8, containLabel: true },
        xAxis: { type: 'value', min: 0, axisLabel: white },
        yAxis: { type: 'category', data: names.slice().reverse(), axisLabel: white },
        series: [{ type: 'bar', data: members ? members.byChild.slice().reverse() : [], itemStyle: { color: '#ffd98a' }, label: { show: true, position: 'right', color: '#fff' } }]
    });
    chart('screen-trend', {
        textStyle: white, legend: { top: 0, textStyle: white }, grid: { left: 8, right: 16, top: 28, bottom: 8, containLabel: true },
        xAxis: { type: 'category', data: data.months, axisLabel: white }, yAxis: { type: 'value', min: 0, axisLabel: white },
        series: data.trends.map(function (t) { return { type: 'line', name: t.label, data: t.months }; })
    });
    var grades = ['grade.advanced', 'grade.average', 'grade.lagging'].map(figure).filter(Boolean);
    chart('screen-grades', {
        textStyle: white, tooltip: { trigger: 'item' }, color: ['#ffd98a', '#f4a261', '#e76f51'],
        series: [{ type: 'pie', radius: ['35%', '70%'], stillShowZeroSum: false, label: { color: '#fff', formatter: '{b} {c}' },
            data: grades.map(function (g) { return { name: g.label.split(' · ').pop(), value: g.total }; }) }]
    });
    var holder = document.getElementById('screen-map');
    // The map shows the first share with a target (先进占比 unless it has no data), else the first share.
    var share = data.ratios.filter(function (r) { return r.target !== null && r.total !== null; })[0] || data.ratios[0];
    fetch(holder.getAttribute('data-map'), { credentials: 'same-origin' }).then(function (r) { return r.json(); }).then(function (geo) {
        echarts.registerMap('screen', geo);
        document.getElementById('map-label').textContent = share ? share.label : '';
        var values = share ? share.byChild.map(function (v) { return v === null ? NaN : Math.round(v * 1000) / 10; }) : [];
        var known = values.filter(function (v) { return !isNaN(v); });
        chart('screen-map', {
            textStyle: white, tooltip: { trigger: 'item', formatter: '{b}：{c}%' },
            visualMap: { min: Math.min.apply(null, known.concat([0])), max: Math.max.apply(null, known.concat([1])), left: 8, bottom: 8, textStyle: white, calculable: true, inRange: { color: ['#fde0d9', '#f4a261', '#e76f51'] } },
            series: [{ type: 'map', map: 'screen', nameMap: nameMap, label: { show: true, color: '#3a0608', fontSize: 14 },
                data: names.map(function (name, i) { return { name: name, value: values[i] }; }) }]
        });
        holder.setAttribute('data-ready', 'true');
    });
    window.addEventListener('resize', function () { charts.forEach(function (c) { c.resize(); }); });
})();

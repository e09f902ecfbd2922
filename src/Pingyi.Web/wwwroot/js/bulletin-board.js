// The public chart board of a bulletin: ranking bars, completion trend, categories. Data is in the page.
(function () {
    var data = JSON.parse(document.getElementById('board-data').textContent);
    var L = JSON.parse(document.getElementById('board-labels').textContent);
    var text = { color: '#fff' };
    var axis = { axisLabel: text, axisLine: { lineStyle: { color: 'rgba(255,255,255,.5)' } }, splitLine: { lineStyle: { color: 'rgba(255,255,255,.15)' } } };
    function chart(id, option) {
        var c = echarts.init(document.getElementById(id));
        c.setOption(option);
        window.addEventListener('resize', function () { c.resize(); });
        document.getElementById(id).setAttribute('data-rendered', 'true');
        return c;
    }
    function percent(p) { return p.value == null ? '' : Number(p.value).toFixed(1) + '%'; }
    function merge(a, b) { var o = {}; var k; for (k in a) { o[k] = a[k]; } for (k in b) { o[k] = b[k]; } return o; }
    var rows = data.rows.slice().reverse(); // the first rank on top
    // "中共白云乡委员会" reads as "白云乡" on a chart axis.
    function short(name) { return name.replace(/^中共/, '').replace(/(工作)?委员会$/, '').replace(/党委$/, ''); }
    document.getElementById('ranking').style.height = Math.max(360, rows.length * 28 + 90) + 'px';
    chart('ranking', {
        title: { text: L['各单位排名'], textStyle: text },
        tooltip: { trigger: 'axis' },
        legend: { bottom: 0, textStyle: text },
        grid: { left: 8, right: 24, top: 40, bottom: 32, containLabel: true },
        xAxis: merge(axis, { type: 'value', max: 100 }),
        yAxis: merge(axis, { type: 'category', data: rows.map(function (r) { return r.rank + '. ' + short(r.organization); }) }),
        series: [
            { name: L['销号率'], type: 'bar', data: rows.map(function (r) { return r.ledgerRate; }), itemStyle: { color: '#ffd98a' }, label: { show: true, position: 'right', color: '#fff', formatter: percent } },
            { name: L['任务完成率'], type: 'bar', data: rows.map(function (r) { return r.taskRate; }), itemStyle: { color: '#8fd3ff' } }
        ]
    });
    chart('trend', {
        title: { text: L['销号率走势'], textStyle: text },
        tooltip: { trigger: 'axis' },
        grid: { left: 8, right: 24, top: 48, bottom: 8, containLabel: true },
        xAxis: merge(axis, { type: 'category', data: data.trend.map(function (p) { return p.month; }) }),
        yAxis: merge(axis, { type: 'value', max: 100, axisLabel: { color: '#fff', formatter: '{value}%' } }),
        series: [{ name: L['销号率'], type: 'line', data: data.trend.map(function (p) { return p.rate; }), connectNulls: false, itemStyle: { color: '#ffd98a' }, label: { show: true, color: '#fff', formatter: percent } }]
    });
    chart('categories', {
        title: { text: L['按类别'], textStyle: text },
        tooltip: { trigger: 'axis' },
        legend: { bottom: 0, textStyle: text },
        grid: { left: 8, right: 24, top: 40, bottom: 32, containLabel: true },
        xAxis: merge(axis, { type: 'category', data: data.categories.map(function (c) { return c.category; }) }),
        yAxis: merge(axis, { type: 'value', minInterval: 1 }),
        series: [
            { name: L['已销号'], type: 'bar', stack: 'all', data: data.categories.map(function (c) { return c.closed; }), itemStyle: { color: '#7ed99a' } },
            { name: L['逾期'], type: 'bar', stack: 'all', data: data.categories.map(function (c) { return c.overdue; }), itemStyle: { color: '#ff7b7b' } },
            { name: L['事项'], type: 'bar', stack: 'all', data: data.categories.map(function (c) { return c.items - c.closed - c.overdue; }), itemStyle: { color: '#ffd98a' } }
        ]
    });
}());

// The code sheet shown one code at a time on a screen ("逐个显示"): the QR code and the code, then the next.
(function () {
    var codes = Array.prototype.slice.call(document.querySelectorAll('.code'));
    var start = document.getElementById('one-by-one');
    if (!start || codes.length === 0) { return; }
    var i = 0;
    function show() {
        var c = codes[i % codes.length];
        document.querySelector('#one img').src = c.querySelector('img').src;
        document.querySelector('#one .text').textContent = c.querySelector('.text').textContent;
    }
    start.addEventListener('click', function () {
        document.querySelector('.sheet').style.display = 'none';
        document.getElementById('one').style.display = 'block';
        show();
    });
    document.getElementById('next').addEventListener('click', function () { i++; show(); });
})();

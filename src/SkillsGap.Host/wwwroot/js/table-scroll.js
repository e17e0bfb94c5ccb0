// Shows the "scroll sideways" cue above a wide table when its box actually scrolls, and hides it once scrolled to the end.
(function () {
    function update(box) {
        var cue = box.previousElementSibling;
        if (!cue || !cue.classList.contains('scroll-cue')) return;
        var scrolls = box.scrollWidth > box.clientWidth + 1;
        var atEnd = box.scrollLeft + box.clientWidth >= box.scrollWidth - 1;
        cue.hidden = !scrolls || atEnd;
        box.classList.toggle('scrolls', scrolls);
    }
    function init() {
        document.querySelectorAll('.table-scroll.scroll-shadow').forEach(function (box) {
            update(box);
            box.addEventListener('scroll', function () { update(box); }, { passive: true });
            window.addEventListener('resize', function () { update(box); });
        });
    }
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init); else init();
})();

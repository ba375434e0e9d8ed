// Pointing at any part of a statement (source, cue, content, label or its
// table row) lights up all of its parts, so source, cue and content read as one.
(function () {
  function parts(id) {
    return document.querySelectorAll('[data-q~="' + CSS.escape(id) + '"]');
  }
  function light(event, on) {
    var target = event.target.closest('[data-q]');
    if (!target) return;
    target.getAttribute('data-q').split(' ').slice(-1).forEach(function (id) {
      parts(id).forEach(function (el) { el.classList.toggle('lit', on); });
    });
  }
  document.addEventListener('mouseover', function (e) { light(e, true); });
  document.addEventListener('mouseout', function (e) { light(e, false); });
  if (location.hash) {
    parts(location.hash.slice(1)).forEach(function (el) { el.classList.add('lit'); });
  }
})();

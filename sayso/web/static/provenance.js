// The claim's chain of custody, drawn with the vendored Cytoscape.js:
// sources -> channels -> articles left to right, arrows, dates on the edges,
// stance colours, copies folded into their original, denials in red.
(function () {
  var holder = document.getElementById('graph');
  var data = document.getElementById('graph-data');
  if (!holder || !data || typeof cytoscape === 'undefined') return;
  var elements = JSON.parse(data.textContent);
  var cy = cytoscape({
    container: holder, elements: elements, layout: {name: 'preset', padding: 30},
    wheelSensitivity: 0.2, autoungrabify: true,
    style: [
      {selector: 'node', style: {
        'shape': 'round-rectangle', 'label': 'data(label)', 'text-wrap': 'wrap',
        'text-max-width': 200, 'text-valign': 'center', 'text-halign': 'center',
        'width': 210, 'height': 56, 'font-size': 12, 'color': '#1d2a3a',
        'background-color': '#eef2f7', 'border-width': 1.5, 'border-color': '#1d2a3a'}},
      {selector: 'node.source', style: {'background-color': '#ffe3b3', 'font-weight': 'bold'}},
      {selector: 'node.channel', style: {'background-color': '#f4f6f9', 'border-style': 'dashed'}},
      {selector: 'node.article', style: {'background-color': '#e4f0ff'}},
      {selector: 'node.laundered', style: {'background-color': '#fff0c2', 'border-color': '#b36b00',
                                           'border-width': 3}},
      {selector: 'node.denial', style: {'background-color': '#ffe0e5', 'border-color': '#b00020'}},
      {selector: 'node[href]', style: {'cursor': 'pointer'}},
      {selector: 'edge', style: {
        'curve-style': 'bezier', 'target-arrow-shape': 'triangle', 'width': 2,
        'line-color': '#667', 'target-arrow-color': '#667', 'label': 'data(label)',
        'font-size': 10, 'text-background-color': '#fff', 'text-background-opacity': 1,
        'text-rotation': 'autorotate'}},
      {selector: 'edge.stance-asserts', style: {'line-color': '#2a6f3f', 'target-arrow-color': '#2a6f3f'}},
      {selector: 'edge.stance-questions', style: {'line-color': '#b36b00', 'target-arrow-color': '#b36b00'}},
      {selector: 'edge.stance-denies, edge.stance-disputes, edge.denies', style: {
        'line-color': '#b00020', 'target-arrow-color': '#b00020'}},
      {selector: 'edge.denies', style: {'line-style': 'dashed', 'target-arrow-shape': 'tee'}}
    ]
  });
  if (cy.zoom() > 1) { cy.zoom(1); cy.center(); }
  cy.on('tap', 'node', function (event) {
    var href = event.target.data('href');
    if (href) window.location.href = href;
  });
  holder.setAttribute('data-rendered', cy.nodes().length);
  window.saysoGraph = cy;
})();

// Diz ao require.js onde estão os arquivos do html-manager dos widgets (e as fontes dos ícones):
// na mesma pasta deste arquivo, dentro de _static/, e não num caminho relativo à página.
(function () {
  var src = document.currentScript.src;
  var pasta = src.slice(0, src.lastIndexOf("/"));
  require.config({paths: {"@jupyter-widgets/html-manager/dist": pasta, "@jupyter-widgets": pasta}});
})();

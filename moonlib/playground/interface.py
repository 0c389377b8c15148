"""A interface do Playground, em ``ipywidgets`` (capítulo 10).

Os controles são montados a partir dos metadados dos campos de ``Configuracao``
(grupo, rótulo, tipo de controle e faixa) e das tabelas de ``opcoes``: nenhum
campo tem código próprio aqui. Usa só APIs presentes no ipywidgets 7 e 8, para
funcionar também no Colab.
"""
import dataclasses
import html
import math
import threading
import time

from ..animacao import imagem_html
from ..validacao import ParametroInvalido
from . import opcoes
from .configuracao import CONTROLES, GRUPOS, Configuracao, camadas
from .motor import Sessao

_ESTILO_AVISO = ("background:#FDECEA;color:#5F2100;border-left:4px solid #D55E00;padding:6px 10px;"
                 "margin:4px 0;border-radius:3px")
_ESTILO_NOTA = ("background:#EAF3FB;color:#0B2E4A;border-left:4px solid #0072B2;padding:6px 10px;"
                "margin:4px 0;border-radius:3px")
_ESTILO_TITULO_CODIGO = "color:#1F2328;background:#F6F8FA;padding:2px 6px;cursor:pointer"
_ESTILO_CODIGO = ("background:#F6F8FA;color:#1F2328;padding:8px;font-size:12px;line-height:1.35;"
                  "white-space:pre;overflow-x:auto;margin:0")


def _limpo(valor, algarismos=4):
    """Um número de controle deslizante sem o ruído do ponto flutuante: 0.05623413251903491 → 0.05623."""
    if isinstance(valor, float) and math.isfinite(valor) and valor != 0:
        return float(f"{valor:.{algarismos}g}")
    return valor


def _para_controle(nome, valor):
    return ",".join(map(str, valor)) if nome == "ocultas" else valor


def criar_controle(w, campo, valor):
    """O widget de um campo de ``Configuracao``, a partir dos metadados do campo."""
    meta = campo.metadata
    comum = dict(description=meta["rotulo"], style={"description_width": "initial"}, layout=w.Layout(width="98%"))
    continuo = dict(continuous_update=False, **comum)
    tipo, faixa = meta["controle"], meta["faixa"]
    if tipo == "inteiro":
        return w.IntSlider(value=valor, **faixa, **continuo)
    if tipo == "real":
        return w.FloatSlider(value=valor, **faixa, **continuo)
    if tipo == "log":  # min e max são expoentes de 10
        return w.FloatLogSlider(value=valor, base=10, readout_format=".3g", **faixa, **continuo)
    if tipo == "semente":
        return w.BoundedIntText(value=valor, min=0, max=2**31 - 1, **comum)
    if tipo == "booleano":
        return w.Checkbox(value=valor, indent=False, **comum)
    if tipo == "camadas":
        return w.Text(value=_para_controle(campo.name, valor), placeholder="ex.: 3,5,5,2", **continuo)
    if tipo == "escolha":
        return w.Dropdown(options=[(rotulo, nome) for nome, rotulo in opcoes.opcoes(campo.name).items()],
                          value=valor, **comum)
    raise ValueError(f"tipo de controle desconhecido: {tipo!r} (campo {campo.name})")


def alargar(controle, valor):
    """Estende a faixa de um controle deslizante para caber ``valor`` (um valor fora dela seria cortado)."""
    if not hasattr(controle, "max") or isinstance(valor, bool) or not isinstance(valor, (int, float)):
        return
    if hasattr(controle, "base"):  # FloatLogSlider: min e max são expoentes
        valor = math.log(valor, controle.base)
    if valor > controle.max:
        controle.max = valor
    if valor < controle.min:
        controle.min = valor


class Playground:
    """Um TensorFlow Playground das meias-luas, em ``ipywidgets`` (capítulo 10).

    Parâmetros
    ----------
    controles : sequência de nomes, opcional
        Quais controles mostrar (nomes dos campos de ``Configuracao``, ver
        ``CONTROLES``); ``None`` mostra todos. Um capítulo mostra só os do seu
        conceito, por exemplo ``Playground(["otimizador", "passo"])``.
    **valores
        Valores iniciais da ``Configuracao`` (os outros ficam no padrão).

    Botões: Executar (treina numa *thread*, em trechos, até ``epocas`` épocas,
    redesenhando a figura entre os trechos), Pausar, +1 época e Reiniciar. Mudar
    um controle recomeça o treino do zero com a nova configuração: se ele estava
    rodando, volta a rodar; se estava parado, fica parado na época 0. Para testes e
    uso sem navegador: ``executar(epocas)``, ``uma_epoca()``, ``reiniciar()``,
    ``pausar()``, ``aplicar(**mudancas)`` e ``carregar(texto)``, todos síncronos.

    Atributos: ``config``, ``sessao`` (a ``Sessao`` atual), ``controles`` (nome →
    widget), ``botoes`` (nome → botão), ``figura`` (HTML com a imagem), ``estado``,
    ``aviso``, ``codigo``, ``texto`` (a configuração em uma linha), ``interface``
    (o ``VBox`` mostrado).
    """

    SEGUNDOS_POR_QUADRO = 0.3
    """Tempo de treino entre duas atualizações da figura, durante Executar."""

    def __init__(self, controles=None, **valores):
        import ipywidgets as w
        self._w = w
        nomes = CONTROLES if controles is None else tuple(controles)
        desconhecidos = [n for n in nomes if n not in CONTROLES]
        if desconhecidos:
            raise ParametroInvalido(f"controles desconhecidos: {desconhecidos}; use nomes de {', '.join(CONTROLES)}")
        self.config = Configuracao(**valores)
        self.sessao = Sessao(self.config)
        self._parar = threading.Event()
        self._fio = None
        self._alvo = self.config.epocas
        self._sincronizando = False

        self.controles = {}
        for campo in dataclasses.fields(Configuracao):
            if campo.name in nomes:
                valor = getattr(self.config, campo.name)
                controle = criar_controle(w, campo, valor)
                alargar(controle, valor)
                controle.value = _para_controle(campo.name, valor)
                controle.observe(lambda mudanca, nome=campo.name: self._ao_mudar(nome, mudanca["new"]), names="value")
                self.controles[campo.name] = controle
        self.botoes = {
            "executar": w.Button(description="▶ Executar", tooltip="Treina até completar as épocas, redesenhando a figura"),
            "pausar": w.Button(description="❚❚ Pausar", tooltip="Interrompe o treino"),
            "uma_epoca": w.Button(description="+1 época", tooltip="Treina uma época e para"),
            "reiniciar": w.Button(description="↺ Reiniciar", tooltip="Volta aos pesos iniciais (mesmos dados, mesma semente)"),
        }
        self.botoes["executar"].on_click(lambda _: self.iniciar())
        self.botoes["pausar"].on_click(lambda _: self.pausar())
        self.botoes["uma_epoca"].on_click(lambda _: self.uma_epoca())
        self.botoes["reiniciar"].on_click(lambda _: self.reiniciar())
        if "semente_dados" in self.controles:
            self.botoes["novos_dados"] = w.Button(description="Novos dados",
                                                  tooltip="Sorteia outros pontos (semente dos dados + 1)")
            self.botoes["novos_dados"].on_click(lambda _: self.novos_dados())

        self.estado = w.HTML()
        self.aviso = w.HTML(layout=w.Layout(display="none"))
        self.figura = w.HTML(layout=w.Layout(width="100%"))
        self.codigo = w.HTML()
        self.texto = w.Text(description="configuração", style={"description_width": "initial"},
                            layout=w.Layout(width="100%"))
        self.botoes["carregar"] = w.Button(description="Carregar", tooltip="Aplica a configuração colada no campo ao lado")
        self.botoes["carregar"].on_click(lambda _: self.carregar(self.texto.value))
        self.interface = self._montar()
        self._atualizar_texto_e_codigo()
        self._atualizar()

    # -- montagem ------------------------------------------------------------------------
    def _montar(self):
        w = self._w
        linha_botoes = w.HBox([self.botoes[b] for b in ("executar", "pausar", "uma_epoca", "reiniciar")],
                              layout=w.Layout(flex_flow="row wrap"))
        colunas = []
        for titulo, nomes in GRUPOS.items():
            itens = [self.controles[n] for n in nomes if n in self.controles]
            if titulo == "Dados" and "novos_dados" in self.botoes:
                itens.append(self.botoes["novos_dados"])
            if itens:
                colunas.append(w.VBox([w.HTML(f"<b>{titulo}</b>"), *itens],
                                      layout=w.Layout(flex="1 1 240px", min_width="220px", padding="0 6px")))
        painel = w.HBox(colunas, layout=w.Layout(flex_flow="row wrap", width="100%"))
        carregar = w.HBox([self.texto, self.botoes["carregar"]], layout=w.Layout(width="100%"))
        partes = [linha_botoes, self.estado, self.aviso, self.figura]
        if colunas:
            partes.append(painel)
        partes += [carregar, self.codigo]
        return w.VBox(partes, layout=w.Layout(width="100%"))

    def _ipython_display_(self):
        # Mostra o VBox como o próprio ipywidgets o mostra (no Jupyter, no Colab, no nbclient).
        from IPython.display import display
        display(self.interface)

    # -- desenho --------------------------------------------------------------------------
    def _atualizar(self):
        """Redesenha a figura e a linha de estado a partir da sessão."""
        with self.sessao.trava:
            png = self.sessao.png()
            alt = self.sessao.descricao()
            resumo = self.sessao.resumo()
            aviso = self.sessao.aviso
        self.figura.value = imagem_html(png, alt)
        self.estado.value = f"<span>{html.escape(resumo)}</span>"
        if aviso:
            self._mostrar_aviso(aviso)

    def _mostrar_aviso(self, texto, estilo=_ESTILO_AVISO):
        self.aviso.value = f'<div style="{estilo}">{html.escape(texto)}</div>' if texto else ""
        self.aviso.layout.display = None if texto else "none"

    def _atualizar_texto_e_codigo(self):
        self.texto.value = self.config.para_texto()
        # <details> abre e fecha sem Python nem JavaScript: funciona também no livro em HTML
        # O título tem cor e fundo próprios: no modo escuro do livro, a cor do tema (azul) sobre o fundo
        # claro do widget ficaria ilegível
        self.codigo.value = (f'<details><summary style="{_ESTILO_TITULO_CODIGO}">'
                             f"Código PyTorch (com o moonlib) desta configuração</summary>"
                             f'<pre style="{_ESTILO_CODIGO}">{html.escape(self.config.codigo())}</pre></details>')

    @property
    def aviso_visivel(self):
        """``True`` se há um aviso (divergência, configuração inválida, o que Carregar mudou) à vista."""
        return bool(self.aviso.value) and self.aviso.layout.display != "none"

    # -- mudanças de configuração ------------------------------------------------------------
    def _ao_mudar(self, nome, valor):
        if self._sincronizando:
            return
        if nome == "ocultas":
            try:
                valor = camadas(valor)
            except ParametroInvalido as erro:
                self._rejeitar(erro)
                return
        self.aplicar(**{nome: _limpo(valor)})

    def _rejeitar(self, erro):
        self._sincronizar_controles()
        self._mostrar_aviso(f"Configuração não aplicada: {erro}")

    def aplicar(self, **mudancas):
        """Muda campos da configuração (como mexer nos controles) e recomeça o treino do zero.

        Se o treino estava rodando, volta a rodar com a nova configuração; se estava
        parado, fica na época 0. Ao trocar o ``custo``, a ativação de saída acompanha
        (a de ``opcoes.CUSTOS``). Um valor inválido não é aplicado: o aviso explica e os
        controles voltam à configuração atual. Devolve ``True`` se aplicou.
        """
        if "custo" in mudancas and "ativacao_saida" not in mudancas and mudancas["custo"] in opcoes.CUSTOS:
            novo, atual = opcoes.CUSTOS[mudancas["custo"]], self.config.custo_escolhido
            if novo.rotulos_01 or atual.rotulos_01:
                mudancas["ativacao_saida"] = novo.ativacao_saida
        rodando = self.executando
        self.pausar()
        try:
            config = dataclasses.replace(self.config, **mudancas)
        except (ParametroInvalido, TypeError) as erro:
            self._rejeitar(erro)
            if rodando:
                self.iniciar()
            return False
        self._trocar(config)
        if rodando:
            self.iniciar()
        return True

    def carregar(self, texto):
        """Aplica uma configuração em uma linha (a de ``config.para_texto()``); devolve ``True`` se deu certo.

        As chaves que faltam no texto voltam ao valor padrão, e o aviso diz quais.
        """
        self.pausar()
        try:
            config = Configuracao.de_texto(texto)
            faltando = Configuracao.faltando(texto)
        except ParametroInvalido as erro:
            self._rejeitar(erro)
            return False
        self._trocar(config)
        if faltando:
            self._mostrar_aviso("Configuração carregada. Estas chaves não estavam no texto e voltaram ao valor "
                                f"padrão: {', '.join(faltando)}.", _ESTILO_NOTA)
        return True

    def novos_dados(self):
        """Sorteia outros pontos: a semente dos dados aumenta de 1."""
        self.aplicar(semente_dados=self.config.semente_dados + 1)

    def _trocar(self, config):
        self.config = config
        self._alvo = config.epocas
        self._sincronizar_controles()
        self._atualizar_texto_e_codigo()
        self._mostrar_aviso("")
        self.sessao.reiniciar(config)
        self._atualizar()

    def _sincronizar_controles(self):
        self._sincronizando = True
        try:
            for nome, controle in self.controles.items():
                valor = _para_controle(nome, getattr(self.config, nome))
                alargar(controle, valor)
                if controle.value != valor:
                    controle.value = valor
            self.texto.value = self.config.para_texto()
        finally:
            self._sincronizando = False

    # -- treino síncrono ------------------------------------------------------------------------
    def executar(self, epocas=None):
        """Treina ``epocas`` épocas (padrão: até completar as da configuração) e redesenha; síncrono."""
        self.pausar()
        if epocas is None:
            epocas = max(self.config.epocas - self.sessao.epoca, 0)
        self.sessao.treinar_epocas(epocas)
        self._atualizar()
        return self.sessao.historico

    def uma_epoca(self):
        """Treina uma época e redesenha (o botão +1 época)."""
        return self.executar(1)

    def reiniciar(self):
        """Volta ao começo: mesmos dados, mesmos pesos iniciais (o botão Reiniciar)."""
        self.pausar()
        self._alvo = self.config.epocas
        self.sessao.reiniciar()
        self._mostrar_aviso("")
        self._atualizar()

    # -- treino em segundo plano -------------------------------------------------------------------
    @property
    def executando(self):
        """``True`` enquanto a *thread* de Executar treina."""
        return self._fio is not None and self._fio.is_alive()

    def iniciar(self):
        """O botão Executar: treina numa *thread* até ``epocas`` épocas, sem travar o notebook.

        Se o treino já chegou lá, treina mais ``epocas``. Entre trechos de cerca de
        ``SEGUNDOS_POR_QUADRO`` segundos, redesenha a figura; ``pausar()`` para.
        """
        if self.executando:
            return
        if self.sessao.epoca >= self._alvo:
            self._alvo = self.sessao.epoca + self.config.epocas
        self._parar.clear()
        self._fio = threading.Thread(target=self._laco, name="playground-meias-luas", daemon=True)
        self._fio.start()

    def pausar(self):
        """O botão Pausar: pede à *thread* que pare e espera o trecho atual terminar."""
        self._parar.set()
        fio = self._fio
        if fio is not None and fio is not threading.current_thread():
            fio.join()
        self._fio = None

    def _laco(self):
        try:
            self.botoes["executar"].disabled = True
            while not self._parar.is_set() and self.sessao.epoca < self._alvo and not self.sessao.divergiu:
                inicio = time.perf_counter()
                while (not self._parar.is_set() and self.sessao.epoca < self._alvo and not self.sessao.divergiu
                       and time.perf_counter() - inicio < self.SEGUNDOS_POR_QUADRO):
                    self.sessao.treinar_epocas(1)
                self._atualizar()
        except Exception as erro:  # numa thread, um erro sumiria em silêncio: mostre-o
            self._mostrar_aviso(f"Erro durante o treino: {type(erro).__name__}: {erro}")
        finally:
            self.botoes["executar"].disabled = False

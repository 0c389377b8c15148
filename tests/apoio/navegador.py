"""Um Chromium sem interface, sem rede, controlado pelo Chrome DevTools Protocol (CDP).

Usado por ``test_navegador.py`` para abrir cada página do livro construído como um
leitor abriria (``file://``), e anotar o que deu errado: erros de JavaScript,
pedidos a endereços fora do livro, recursos que não carregaram.

A conversa com o navegador usa ``--remote-debugging-pipe``: mensagens JSON
terminadas por um byte nulo, lidas do descritor 4 do navegador e escritas no 3.
Assim não há porta TCP aberta nem dependência extra; e o navegador pode rodar num
espaço de rede próprio, sem interface nenhuma (``unshare -n``), onde nada sai da
máquina. Mesmo onde ``unshare`` não funciona (usuário comum), os nomes de host não
resolvem e todo pedido vai para um proxy morto; e todo pedido que o navegador tenta
fazer fica registrado, com ou sem rede.
"""
import base64
import fcntl
import json
import os
import selectors
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"

# Os sinalizadores pedidos: sem GPU, sem sandbox (roda como root no CI), sem
# tráfego de fundo (atualizações, sincronização, telemetria), perfil novo.
SINALIZADORES = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-default-apps",
    "--disable-extensions",
    "--mute-audio",
    # Sem rede: nenhum nome resolve e qualquer pedido HTTP vai para um proxy que não existe.
    "--host-resolver-rules=MAP * ~NOTFOUND",
    "--proxy-server=127.0.0.1:9",
    "--proxy-bypass-list=<-loopback>",
    "--remote-debugging-pipe",
]

LARGURA, ALTURA = 1280, 900
ALTURA_MAXIMA = 60_000  # capturas mais altas que isto ficam cortadas embaixo


def chromium_disponivel():
    return shutil.which(CHROMIUM) is not None or os.access(CHROMIUM, os.X_OK)


def _unshare_funciona():
    unshare = shutil.which("unshare")
    if not unshare:
        return False
    try:
        return subprocess.run([unshare, "-n", "true"], capture_output=True, timeout=10).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


def _acima_de_4(fd):
    alto = fcntl.fcntl(fd, fcntl.F_DUPFD, 10)
    os.close(fd)
    return alto


class ErroNavegador(RuntimeError):
    pass


class Navegador:
    """Um processo do Chromium e uma aba, controlados pelo CDP através de pipes.

    Com ``local=True`` (para o JupyterLab do teste do notebook vivo), o navegador alcança
    ``127.0.0.1`` e nada mais: continua sem DNS e com o proxy morto para o resto.
    """

    def __init__(self, tempo_limite=60, local=False):
        self.tempo_limite = tempo_limite
        self.perfil = tempfile.mkdtemp(prefix="meias-luas-chromium-")
        self.sem_rede = not local and _unshare_funciona()
        sinalizadores = list(SINALIZADORES)
        if local:  # 127.0.0.1 resolve e vai direto, sem o proxy morto; todo o resto continua bloqueado
            sinalizadores = [s for s in sinalizadores if not s.startswith(("--proxy-bypass-list", "--host-resolver-rules"))]
            sinalizadores.append("--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1")
        comando = [CHROMIUM, *sinalizadores, f"--user-data-dir={self.perfil}",
                   f"--window-size={LARGURA},{ALTURA}", "about:blank"]
        if self.sem_rede:
            comando = ["unshare", "-n", *comando]
        # pipe para o navegador (o descritor 3 dele) e do navegador (o descritor 4 dele)
        ler_nav, self._escrever = os.pipe()
        self._ler, escrever_nav = os.pipe()
        # cópias acima de 4, para que os dup2 no filho não se atropelem
        ler_nav, escrever_nav = _acima_de_4(ler_nav), _acima_de_4(escrever_nav)

        # preexec_fn roda antes de o subprocess fechar os descritores que não estão em pass_fds
        def _descritores():
            os.dup2(ler_nav, 3)
            os.dup2(escrever_nav, 4)

        self.log = open(Path(self.perfil) / "chromium.log", "wb")
        self.processo = subprocess.Popen(comando, stdin=subprocess.DEVNULL, stdout=self.log, stderr=self.log,
                                         pass_fds=(3, 4), preexec_fn=_descritores)
        os.close(ler_nav)
        os.close(escrever_nav)
        self._seletor = selectors.DefaultSelector()
        self._seletor.register(self._ler, selectors.EVENT_READ)
        self._buffer = b""
        self._id = 0
        self._fila = []  # mensagens recebidas e ainda não consumidas
        self.eventos = []  # eventos da aba desde a última chamada de abrir()
        try:
            alvo = self.comando("Target.createTarget", url="about:blank")["targetId"]
            self.sessao = self.comando("Target.attachToTarget", targetId=alvo, flatten=True)["sessionId"]
            for dominio in ("Page", "Runtime", "Log", "Network"):
                self.comando(f"{dominio}.enable", sessao=True)
            self._janela(ALTURA)
        except BaseException:
            self.fechar()
            raise

    # -- transporte -------------------------------------------------------
    def _enviar(self, mensagem):
        dados = json.dumps(mensagem).encode() + b"\0"
        while dados:
            dados = dados[os.write(self._escrever, dados):]

    def _receber(self, prazo):
        while b"\0" not in self._buffer:
            restante = prazo - time.monotonic()
            if restante <= 0:
                raise TimeoutError
            if not self._seletor.select(restante):
                continue
            pedaco = os.read(self._ler, 1 << 20)
            if not pedaco:
                raise ErroNavegador("o Chromium fechou a conexão:\n" + self.saida_do_chromium())
            self._buffer += pedaco
        mensagem, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(mensagem)

    def _processar(self, prazo):
        mensagem = self._receber(prazo)
        if "method" in mensagem:
            if mensagem.get("sessionId") == getattr(self, "sessao", None):
                self.eventos.append(mensagem)
        else:
            self._fila.append(mensagem)

    def comando(self, metodo, sessao=False, tempo_limite=None, **parametros):
        self._id += 1
        mensagem = {"id": self._id, "method": metodo, "params": parametros}
        if sessao:
            mensagem["sessionId"] = self.sessao
        self._enviar(mensagem)
        prazo = time.monotonic() + (tempo_limite or self.tempo_limite)
        while True:
            for resposta in self._fila:
                if resposta["id"] == mensagem["id"]:
                    self._fila.remove(resposta)
                    if "error" in resposta:
                        raise ErroNavegador(f"{metodo}: {resposta['error']}")
                    return resposta.get("result", {})
            try:
                self._processar(prazo)
            except TimeoutError:
                raise ErroNavegador(f"{metodo}: sem resposta em {tempo_limite or self.tempo_limite} s") from None

    def esperar_evento(self, metodo, tempo_limite=None, desde=0):
        prazo = time.monotonic() + (tempo_limite or self.tempo_limite)
        while True:
            for evento in self.eventos[desde:]:
                if evento["method"] == metodo:
                    return evento
            try:
                self._processar(prazo)
            except TimeoutError:
                raise ErroNavegador(f"esperei {metodo} por {tempo_limite or self.tempo_limite} s") from None

    def drenar(self, segundos):
        """Continua recebendo eventos por ``segundos`` (pedidos atrasados, erros tardios)."""
        prazo = time.monotonic() + segundos
        try:
            while True:
                self._processar(prazo)
        except TimeoutError:
            pass

    # -- uso ----------------------------------------------------------------
    def avaliar(self, expressao, esperar_promessa=False):
        r = self.comando("Runtime.evaluate", sessao=True, expression=expressao, returnByValue=True,
                         awaitPromise=esperar_promessa)
        if "exceptionDetails" in r:
            raise ErroNavegador(f"erro ao avaliar {expressao[:60]!r}: {r['exceptionDetails']}")
        return r["result"].get("value")

    def abrir(self, url, escuro=False):
        """Abre ``url`` e espera a carga, o MathJax e um pouco de calma na rede."""
        self.eventos = []
        self.comando("Emulation.setEmulatedMedia", sessao=True,
                     features=[{"name": "prefers-color-scheme", "value": "dark" if escuro else "light"}])
        self.comando("Page.navigate", sessao=True, url=url)
        self.esperar_evento("Page.loadEventFired")
        # index.html redireciona com <meta http-equiv="refresh">: espera a página de destino
        if self.avaliar("!!document.querySelector('meta[http-equiv=refresh]')"):
            inicio = len(self.eventos)
            self.esperar_evento("Page.frameNavigated", desde=inicio)
            self.esperar_evento("Page.loadEventFired", desde=inicio)
        self.avaliar("""(async () => {
            if (window.MathJax && MathJax.startup && MathJax.startup.promise) await MathJax.startup.promise;
            if (document.fonts) await document.fonts.ready;
            await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
        })()""", esperar_promessa=True)
        self.drenar(0.3)
        return self.avaliar("location.href")

    def captura(self, arquivo, pagina_inteira=True):
        """Grava a página inteira, não só a parte visível, em PNG.

        A janela cresce até a altura da página antes da captura: com
        ``captureBeyondViewport`` sozinho, o tema reorganiza as colunas no meio
        da captura e corta a margem esquerda do texto. Com ``pagina_inteira=False``
        (um aplicativo como o JupyterLab, que ocupa a janela), grava só o que se vê.
        """
        if not pagina_inteira:
            dados = self.comando("Page.captureScreenshot", sessao=True, format="png", tempo_limite=120)["data"]
            Path(arquivo).write_bytes(base64.b64decode(dados))
            return
        altura = self.avaliar("document.documentElement.scrollHeight")
        self._janela(min(max(altura, ALTURA), ALTURA_MAXIMA))
        try:
            dados = self.comando("Page.captureScreenshot", sessao=True, format="png",
                                 captureBeyondViewport=True, tempo_limite=120)["data"]
        finally:
            self._janela(ALTURA)
        Path(arquivo).write_bytes(base64.b64decode(dados))

    def _janela(self, altura):
        self.comando("Emulation.setDeviceMetricsOverride", sessao=True,
                     width=LARGURA, height=altura, deviceScaleFactor=1, mobile=False)
        self.avaliar("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))", esperar_promessa=True)

    def saida_do_chromium(self):
        self.log.flush()
        return (Path(self.perfil) / "chromium.log").read_text(errors="replace")[-3000:]

    def fechar(self):
        try:
            self.comando("Browser.close", tempo_limite=10)
        except (ErroNavegador, OSError):
            pass
        try:
            self.processo.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.processo.kill()
            self.processo.wait()
        for fd in (self._ler, self._escrever):
            try:
                os.close(fd)
            except OSError:
                pass
        self._seletor.close()
        self.log.close()
        shutil.rmtree(self.perfil, ignore_errors=True)

    def __enter__(self):
        return self

    def __exit__(self, *erro):
        self.fechar()

"""O notebook vivo: o Playground clicado num JupyterLab de verdade, no Chromium do Debian.

Os outros testes veem o Playground sem navegador (``test_playground_interface.py``) e o livro
em HTML estático (``test_navegador.py``). Aqui, como um aluno no seu computador: um JupyterLab
em 127.0.0.1 (porta livre, sem senha) numa cópia temporária dos notebooks; o Chromium abre um
capítulo, roda todas as células e clica nos botões do Playground. Confere que nenhuma célula
deu erro, que Executar faz as épocas andarem e a figura mudar, que uma célula nova roda em
menos de 1 s enquanto o treino continua, e que Pausar, +1 época, Reiniciar e um controle
deslizante fazem o que dizem. As capturas de tela ficam numa pasta mostrada no fim da
execução. Tudo o que o teste inicia (servidor, kernels, navegador) é encerrado no fim.

Sem o Chromium ou o JupyterLab, o teste é pulado com o motivo; no CI (``CI=true``), falha.
"""
import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from apoio import NOTEBOOKS, RAIZ
from apoio.navegador import Navegador, chromium_disponivel
from conftest import anunciar_capturas

# O capítulo 10 (o Playground completo) e um capítulo com o Playground embutido, só com os seus controles.
CAPITULOS = ["10-playground.ipynb", "02-validacao-hold-out.ipynb"]
LATENCIA_MAXIMA = 1.0  # segundos para uma célula nova rodar enquanto o Playground treina


def _motivo_para_pular():
    if not chromium_disponivel():
        return "sem o Chromium do Debian (apt-get install chromium): o notebook vivo não foi testado"
    if shutil.which("jupyter-lab", path=os.path.dirname(sys.executable)) is None:
        return "sem o JupyterLab no ambiente (pip install -r requirements.txt): o notebook vivo não foi testado"
    return None


@pytest.fixture(scope="module")
def servidor(tmp_path_factory):
    """Um JupyterLab numa cópia dos capítulos, em 127.0.0.1, numa porta livre, sem senha; encerrado no fim."""
    motivo = _motivo_para_pular()
    if motivo:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"no CI o teste do notebook vivo é obrigatório; {motivo}")
        pytest.skip(motivo)
    pasta = tmp_path_factory.mktemp("jupyterlab")
    for nome in CAPITULOS:
        shutil.copy(RAIZ / "notebooks" / nome, pasta / nome)
    # Configurações próprias: sem o aviso de notícias (que cobriria os botões) e com todas as células
    # na página (por padrão, o JupyterLab 4 tira do DOM as células fora da tela).
    config = pasta / ".config"
    for extensao, valores in (("notebook-extension/tracker", {"windowingMode": "none"}),
                              ("apputils-extension/notification", {"fetchNews": "false", "checkForUpdates": False})):
        arquivo = config / "lab" / "user-settings" / "@jupyterlab" / f"{extensao}.jupyterlab-settings"
        arquivo.parent.mkdir(parents=True, exist_ok=True)
        arquivo.write_text(json.dumps(valores), encoding="utf-8")
    ambiente = dict(os.environ, JUPYTER_CONFIG_DIR=str(config), JUPYTER_RUNTIME_DIR=str(pasta / ".runtime"),
                    JUPYTERLAB_SETTINGS_DIR=str(config / "lab" / "user-settings"),
                    JUPYTERLAB_WORKSPACES_DIR=str(pasta / ".workspaces"))
    registro = open(pasta / "servidor.log", "wb")
    processo = None
    try:
        # Uma porta livre pode ser tomada entre a escolha e o JupyterLab (por um kernel de outro teste, por
        # exemplo): então o servidor não sobe, e tentamos outra porta.
        for tentativa in range(5):
            with socket.socket() as s:
                s.bind(("127.0.0.1", 0))
                porta = s.getsockname()[1]
            processo = subprocess.Popen(
                [sys.executable, "-m", "jupyter", "lab", "--no-browser", "--ServerApp.ip=127.0.0.1",
                 f"--ServerApp.port={porta}", "--ServerApp.port_retries=0", "--IdentityProvider.token=",
                 "--ServerApp.password=", "--ServerApp.allow_root=True", f"--ServerApp.root_dir={pasta}",
                 "--LabApp.expose_app_in_browser=True"],
                cwd=pasta, env=ambiente, stdout=registro, stderr=subprocess.STDOUT, start_new_session=True)
            url = f"http://127.0.0.1:{porta}"
            prazo = time.monotonic() + 120
            while processo.poll() is None and time.monotonic() < prazo:
                try:
                    with urllib.request.urlopen(f"{url}/api/status", timeout=2) as resposta:
                        json.load(resposta)
                    break
                except (OSError, http.client.HTTPException, ValueError):  # ainda subindo, ou outro programa na porta
                    time.sleep(0.5)
            else:
                if processo.poll() is not None:   # não conseguiu a porta (ou caiu): outra porta
                    continue
                registro.flush()
                pytest.fail("o JupyterLab não subiu em 120 s:\n" + (pasta / "servidor.log").read_text(errors="replace")[-3000:])
            break
        else:
            registro.flush()
            pytest.fail("o JupyterLab não subiu em 5 portas:\n" + (pasta / "servidor.log").read_text(errors="replace")[-3000:])
        yield url
    finally:
        # O grupo inteiro: o servidor e os kernels que ele iniciou.
        if processo is not None:
            try:
                os.killpg(processo.pid, signal.SIGTERM)
                processo.wait(timeout=30)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                try:
                    os.killpg(processo.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                processo.wait()
        registro.close()


@pytest.fixture(scope="module")
def capturas(request, tmp_path_factory):
    pasta = tmp_path_factory.mktemp("capturas-jupyterlab")
    anunciar_capturas(request.config, pasta, "Capturas de tela do notebook vivo no JupyterLab")
    return pasta


class Aluno:
    """O que um aluno faz no JupyterLab, pelo Chromium: abrir, rodar tudo, clicar, esperar."""

    def __init__(self, navegador):
        self.n = navegador

    def esperar(self, condicao, prazo, descricao):
        """Espera a expressão JavaScript ``condicao`` dar verdadeiro; falha com ``descricao``."""
        fim = time.monotonic() + prazo
        while time.monotonic() < fim:
            if self.n.avaliar(condicao):
                return
            time.sleep(0.1)
        raise AssertionError(f"esperei {prazo} s: {descricao}")

    def abrir(self, url):
        self.n.comando("Page.navigate", sessao=True, url=url)
        self.esperar("!!(window.jupyterapp && jupyterapp.shell.currentWidget && jupyterapp.shell.currentWidget.sessionContext)",
                     120, "o JupyterLab abrir o notebook")
        self.n.avaliar("jupyterapp.shell.currentWidget.sessionContext.ready", esperar_promessa=True)

    def rodar_tudo(self, prazo=300):
        """Run → Run All Cells; espera cada célula de código ter o seu número de execução."""
        # As saídas guardadas já trazem números de execução: limpa-as antes, senão a espera abaixo
        # terminaria antes de o kernel começar (as células pareceriam já executadas)
        self.n.avaliar("jupyterapp.commands.execute('notebook:clear-all-cell-outputs')", esperar_promessa=True)
        self.esperar("""(() => { const m = jupyterapp.shell.currentWidget.content.model;
            return [...Array(m.cells.length).keys()].map(i => m.cells.get(i).toJSON())
                .every(c => c.cell_type !== 'code' || c.execution_count === null); })()""",
                     30, "as saídas guardadas serem limpas")
        inicio = time.monotonic()
        self.n.avaliar("jupyterapp.commands.execute('notebook:run-all-cells')")
        self.esperar("""(() => { const p = jupyterapp.shell.currentWidget;
            const cs = [...Array(p.content.model.cells.length).keys()].map(i => p.content.model.cells.get(i).toJSON());
            const codigo = cs.filter(c => c.cell_type === 'code');
            // a sessão pode sumir por um instante (kernel reiniciando): então ainda não terminou
            const kernel = p.sessionContext.session && p.sessionContext.session.kernel;
            return !!kernel && kernel.status === 'idle'
                && (codigo.every(c => c.execution_count !== null) || cs.some(c => (c.outputs || []).some(o => o.output_type === 'error')));
        })()""", prazo, "todas as células rodarem")
        return time.monotonic() - inicio

    def numeros_de_execucao(self):
        """O número de execução de cada célula de código do notebook aberto, na ordem."""
        return self.n.avaliar("""(() => { const m = jupyterapp.shell.currentWidget.content.model;
            return [...Array(m.cells.length).keys()].map(i => m.cells.get(i).toJSON())
                .filter(c => c.cell_type === 'code').map(c => c.execution_count); })()""")

    def erros(self):
        """As saídas de erro do notebook aberto: ``[(célula, "Nome: mensagem"), ...]``."""
        return self.n.avaliar("""(() => { const m = jupyterapp.shell.currentWidget.content.model; const erros = [];
            for (let i = 0; i < m.cells.length; i++) for (const o of (m.cells.get(i).toJSON().outputs || []))
                if (o.output_type === 'error') erros.push([i, o.ename + ': ' + o.evalue]);
            return erros; })()""")

    def escolher_playground(self, indice=0):
        """Marca o ``indice``-ésimo Playground da página (a caixa com o botão Executar)."""
        ok = self.n.avaliar(f"""(() => {{ const b = [...document.querySelectorAll('button')].filter(
            b => b.textContent.includes('Executar'))[{indice}]; if (!b) return false;
            window.__pg = b.closest('.widget-vbox'); window.__pg.scrollIntoView(); return true; }})()""")
        assert ok, "o Playground não apareceu na página"

    def epoca(self):
        return self.n.avaliar("(() => { const m = window.__pg.innerText.match(/época (\\d+)/); return m ? +m[1] : -1; })()")

    def figura(self):
        return self.n.avaliar("window.__pg.querySelector('img').src")

    def configuracao(self):
        return self.n.avaliar("[...window.__pg.querySelectorAll('input')].find(i => /passo=/.test(i.value)).value")

    def clicar(self, rotulo):
        self.n.avaliar(f"[...window.__pg.querySelectorAll('button')].find(b => b.textContent.includes({rotulo!r})).click()")

    def nova_celula_e_rodar(self, codigo):
        """Acrescenta uma célula no fim, roda-a e devolve os segundos até a saída aparecer."""
        return self.n.avaliar(f"""(async () => {{
            const p = jupyterapp.shell.currentWidget, nb = p.content;
            nb.activeCellIndex = nb.widgets.length - 1;
            await jupyterapp.commands.execute('notebook:insert-cell-below');
            nb.activeCell.model.sharedModel.setSource({json.dumps(codigo)});
            const inicio = performance.now();
            await jupyterapp.commands.execute('notebook:run-cell');
            while (!(nb.widgets[nb.widgets.length - 1].model.toJSON().outputs || []).length)
                await new Promise(r => setTimeout(r, 20));
            return (performance.now() - inicio) / 1000; }})()""", esperar_promessa=True)

    def mover_controle(self, rotulo, valor):
        """Digita ``valor`` no mostrador do controle deslizante ``rotulo`` e confirma com Enter."""
        ok = self.n.avaliar(f"""(() => {{
            const controle = [...window.__pg.querySelectorAll('.widget-slider, .widget-hslider')]
                .find(s => s.innerText.startsWith({rotulo!r}));
            if (!controle) return false;
            const mostrador = controle.querySelector('.widget-readout');
            mostrador.focus(); mostrador.textContent = {str(valor)!r};
            mostrador.dispatchEvent(new KeyboardEvent('keydown', {{key: 'Enter', keyCode: 13, bubbles: true}}));
            mostrador.blur(); return true; }})()""")
        assert ok, f"não achei o controle {rotulo!r}"


@pytest.mark.parametrize("capitulo", CAPITULOS)
def test_playground_vivo_no_jupyterlab(servidor, capturas, capitulo):
    with Navegador(tempo_limite=180, local=True) as navegador:
        aluno = Aluno(navegador)
        aluno.abrir(f"{servidor}/lab/tree/{capitulo}")
        segundos = aluno.rodar_tudo()
        print(f"{capitulo}: todas as células rodaram no JupyterLab em {segundos:.1f} s")
        assert aluno.erros() == [], f"{capitulo}: células com erro no JupyterLab"
        numeros = aluno.numeros_de_execucao()   # num kernel novo, de cima a baixo: 1, 2, ..., N
        assert numeros == list(range(1, len(numeros) + 1)), f"{capitulo}: nem todas as células rodaram: {numeros}"
        aluno.escolher_playground()
        navegador.captura(capturas / f"{capitulo[:2]}-1-depois-de-rodar-tudo.png", pagina_inteira=False)

        # Executar: as épocas andam e a figura muda
        antes, figura = aluno.epoca(), aluno.figura()
        aluno.clicar("Executar")
        aluno.esperar(f"(() => {{ const m = window.__pg.innerText.match(/época (\\d+)/); return m && +m[1] > {antes}; }})()",
                      60, "o contador de épocas andar depois de Executar")
        aluno.esperar(f"window.__pg.querySelector('img').src !== {json.dumps(figura)}", 30, "a figura mudar")
        # Enquanto treina, o notebook continua respondendo
        latencia = aluno.nova_celula_e_rodar("print(6 * 7)")
        print(f"{capitulo}: uma célula nova rodou em {latencia:.2f} s durante o treino")
        assert latencia < LATENCIA_MAXIMA, f"a célula levou {latencia:.2f} s com o Playground treinando"
        aluno.escolher_playground()  # de volta ao Playground, que a célula nova empurrou para cima
        navegador.captura(capturas / f"{capitulo[:2]}-2-treinando.png", pagina_inteira=False)

        # Pausar para o contador: quando a thread de treino termina, o botão Executar volta a ficar ativo
        aluno.clicar("Pausar")
        aluno.esperar("![...window.__pg.querySelectorAll('button')].find(b => b.textContent.includes('Executar')).disabled",
                      60, "Pausar parar o treino (o botão Executar voltar a ficar ativo)")
        time.sleep(1.0)  # a última atualização da figura, se ainda estava a caminho
        parada = aluno.epoca()
        time.sleep(2.0)
        assert aluno.epoca() == parada, "o contador continuou depois de Pausar"
        # +1 época avança uma época
        aluno.clicar("+1 época")
        aluno.esperar(f"(() => {{ const m = window.__pg.innerText.match(/época (\\d+)/); return m && +m[1] === {parada + 1}; }})()",
                      30, "+1 época avançar exatamente uma época")
        # Reiniciar volta à época 0
        aluno.clicar("Reiniciar")
        aluno.esperar("/época 0/.test(window.__pg.innerText)", 30, "Reiniciar voltar à época 0")
        # Um controle deslizante muda a configuração aplicada
        texto = aluno.configuracao()
        aluno.mover_controle("épocas" if "épocas" in navegador.avaliar("window.__pg.innerText") else "fração de validação",
                             "40" if "épocas" in navegador.avaliar("window.__pg.innerText") else "0.3")
        aluno.esperar(f"[...window.__pg.querySelectorAll('input')].find(i => /passo=/.test(i.value)).value !== {json.dumps(texto)}",
                      30, "o controle deslizante mudar a configuração")
        navegador.captura(capturas / f"{capitulo[:2]}-3-depois-dos-botoes.png", pagina_inteira=False)

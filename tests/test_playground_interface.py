"""A interface do Playground (capítulo 10), dirigida por código, sem navegador."""
import time

import numpy as np
import pytest
import torch

from moonlib import fixar_sementes
from moonlib.playground import CONTROLES, Configuracao

pytest.importorskip("ipywidgets")
from moonlib.playground import Playground  # noqa: E402  (depois do importorskip)

PEQUENA = dict(NA=100, NB=100, epocas=10)


@pytest.fixture(autouse=True)
def _sementes():
    fixar_sementes(111)


# -- Playground ----------------------------------------------------------------------------

def _grade(pg):
    return pg.sessao.grade()[2]


def test_sem_kernel_desenha_uma_vez_e_nao_inicia_thread():
    pg = Playground(**PEQUENA)
    assert not pg.executando and pg.sessao.epoca == 0
    assert pg.figura.value.startswith('<img src="data:image/png;base64,') and 'alt="Mapa da fronteira' in pg.figura.value
    assert "época 0" in pg.estado.value and not pg.aviso_visivel
    assert set(pg.controles) == set(CONTROLES)
    assert pg.texto.value == pg.config.para_texto()
    assert "criar_mlp" in pg.codigo.value


def test_mostrar_o_playground_mostra_a_interface(monkeypatch):
    import IPython.display
    mostrados = []
    monkeypatch.setattr(IPython.display, "display", lambda *objetos, **_: mostrados.extend(objetos))
    pg = Playground(**PEQUENA)
    pg._ipython_display_()
    assert mostrados == [pg.interface]


def test_mesmo_estado_a_cada_execucao():
    a, b = Playground(**PEQUENA), Playground(**PEQUENA)
    a.executar(3)
    b.executar(3)
    assert a.figura.value == b.figura.value and a.estado.value == b.estado.value


def test_controles_escolhidos_e_nomes_errados():
    pg = Playground(["otimizador", "passo"], **PEQUENA)
    assert list(pg.controles) == ["otimizador", "passo"]
    assert "novos_dados" not in pg.botoes
    with pytest.raises(ValueError, match=r"controles desconhecidos: \['lr'\]"):
        Playground(["lr"])


def test_executar_uma_epoca_e_reiniciar():
    pg = Playground(**PEQUENA)
    inicial = _grade(pg)
    figura_inicial = pg.figura.value
    pg.executar(3)
    assert pg.sessao.epoca == 3 and "época 3" in pg.estado.value
    assert not np.allclose(_grade(pg), inicial) and pg.figura.value != figura_inicial
    pg.uma_epoca()
    assert pg.sessao.epoca == 4
    pg.botoes["uma_epoca"].click()
    assert pg.sessao.epoca == 5 and pg.botoes["uma_epoca"].description == "+1 época"
    pg.executar()  # sem argumento: completa as épocas da configuração
    assert pg.sessao.epoca == pg.config.epocas == 10
    pg.botoes["reiniciar"].click()
    assert pg.sessao.epoca == 0 and np.array_equal(_grade(pg), inicial) and pg.figura.value == figura_inicial


def test_mexer_num_controle_muda_a_configuracao_e_recomeca():
    pg = Playground(**PEQUENA)
    pg.executar(2)
    pg.controles["passo"].value = 0.1
    assert pg.config.passo == 0.1 and pg.sessao.config.passo == 0.1 and pg.sessao.epoca == 0
    assert "passo=0.1 " in pg.texto.value and "lr=0.1" in pg.codigo.value
    pg.controles["ocultas"].value = "8,4"
    assert pg.sessao.modelo[0].out_features == 8
    pg.controles["custo"].value = "bce"  # a saída vira o logito sozinha
    assert pg.config.ativacao_saida == "identidade" and pg.controles["ativacao_saida"].value == "identidade"
    assert isinstance(pg.sessao.funcao_custo, torch.nn.BCEWithLogitsLoss)
    pg.controles["custo"].value = "mse"
    assert pg.config.ativacao_saida == "tanh"
    semente = pg.config.semente_dados
    pg.botoes["novos_dados"].click()
    assert pg.config.semente_dados == semente + 1


def test_valor_invalido_num_controle_mostra_aviso_e_nao_muda_nada():
    pg = Playground(**PEQUENA)
    antes = pg.config
    pg.controles["ocultas"].value = "3,x"
    assert pg.aviso_visivel and "não aplicada" in pg.aviso.value
    assert pg.config == antes and pg.controles["ocultas"].value == "3,5,5,2"
    pg.controles["r3"].value = 12.0
    pg.controles["r1"].value = 3.0  # r1 − r3/2 < 0
    assert pg.aviso_visivel and "raio interno" in pg.aviso.value
    assert pg.config.r1 == 10 and pg.controles["r1"].value == 10 and pg.config.r3 == 12
    pg.controles["passo"].value = 0.01  # uma mudança válida apaga o aviso
    assert not pg.aviso_visivel


def test_passo_enorme_mostra_o_aviso_de_divergencia():
    pg = Playground(**PEQUENA)
    pg.controles["otimizador"].value = "sgd"
    pg.controles["ativacao_saida"].value = "identidade"
    pg.controles["passo"].value = 5.0
    pg.executar(10)
    assert pg.sessao.divergiu and pg.aviso_visivel
    assert "divergiu" in pg.aviso.value and "(divergiu)" in pg.estado.value
    pg.reiniciar()
    assert not pg.sessao.divergiu and not pg.aviso_visivel


def test_carregar_uma_configuracao_colada():
    pg = Playground(**PEQUENA)
    outra = Configuracao(**PEQUENA, otimizador="sgd", passo=0.2, ocultas=(6,), agendador="cosseno", semente=5)
    pg.texto.value = outra.para_texto()
    pg.botoes["carregar"].click()
    assert pg.config == outra and pg.controles["passo"].value == 0.2 and pg.controles["ocultas"].value == "6"
    assert pg.controles["semente"].value == 5
    assert not pg.aviso_visivel  # o texto tinha todas as chaves: nada voltou ao padrão
    assert not pg.carregar("passo=-1")
    assert pg.aviso_visivel and pg.config == outra and pg.texto.value == outra.para_texto()


def test_carregar_uma_configuracao_parcial_diz_o_que_voltou_ao_padrao():
    pg = Playground(**PEQUENA, passo=0.2)
    assert pg.carregar("otimizador=sgd passo=0.1")
    assert pg.config == Configuracao(otimizador="sgd", passo=0.1)
    assert pg.aviso_visivel and "voltaram ao valor padrão: NA, NB, r1" in pg.aviso.value


def test_valores_fora_da_faixa_dos_controles_nao_sao_cortados():
    pg = Playground(NA=3000, NB=20, epocas=5000, passo=50.0, otimizador="sgd")
    assert pg.controles["NA"].value == 3000 and pg.controles["epocas"].value == 5000
    assert pg.controles["passo"].value == pytest.approx(50.0)
    assert pg.config.NA == 3000 and pg.config.passo == 50.0


def test_executar_em_segundo_plano_e_pausar():
    pg = Playground(NA=100, NB=100, epocas=100000)
    pg.SEGUNDOS_POR_QUADRO = 0.05
    pg.botoes["executar"].click()
    assert pg.executando
    prazo = time.monotonic() + 60
    while pg.sessao.epoca < 3 and time.monotonic() < prazo:
        time.sleep(0.02)
    pg.botoes["pausar"].click()
    assert not pg.executando
    epocas = pg.sessao.epoca
    assert epocas >= 3 and f"época {epocas}" in pg.estado.value
    time.sleep(0.1)
    assert pg.sessao.epoca == epocas  # parou mesmo
    assert pg.botoes["executar"].disabled is False
    assert len(pg.sessao.taxas_treino) == epocas


def test_executar_para_sozinho_ao_completar_as_epocas():
    pg = Playground(NA=50, NB=50, epocas=4)
    pg.iniciar()
    prazo = time.monotonic() + 60
    while pg.executando and time.monotonic() < prazo:
        time.sleep(0.02)
    assert pg.sessao.epoca == 4 and not pg.executando
    pg.iniciar()  # de novo: mais 4 épocas
    prazo = time.monotonic() + 60
    while pg.executando and time.monotonic() < prazo:
        time.sleep(0.02)
    assert pg.sessao.epoca == 8


def test_mudar_um_controle_durante_o_treino_recomeca_e_continua_rodando():
    pg = Playground(NA=100, NB=100, epocas=100000)
    pg.SEGUNDOS_POR_QUADRO = 0.05
    pg.iniciar()
    prazo = time.monotonic() + 60
    while pg.sessao.epoca < 3 and time.monotonic() < prazo:
        time.sleep(0.02)
    pg.controles["passo"].value = 0.01
    assert pg.config.passo == 0.01 and pg.executando  # recomeçou do zero e voltou a rodar
    prazo = time.monotonic() + 60
    while pg.sessao.epoca < 2 and time.monotonic() < prazo:
        time.sleep(0.02)
    pg.pausar()
    assert pg.sessao.config.passo == 0.01 and pg.sessao.epoca >= 2


def test_numeros_limpos_e_com_virgula_no_texto_da_interface():
    pg = Playground(**PEQUENA)
    pg.controles["passo"].value = 0.05623413251903491  # o que o controle logarítmico devolve
    assert pg.config.passo == 0.05623 and "passo=0.05623 " in pg.texto.value
    pg.executar(2)
    assert "época 2: custo de treino 0," in pg.estado.value and "." not in pg.estado.value.split("custo de treino")[1]


def test_legenda_so_com_o_que_esta_desenhado_e_eixos_vazios_sem_valores_negativos():
    sem_validacao = Playground(**PEQUENA, validacao=0.0).sessao.desenhar()
    rotulos = [t.get_text() for t in sem_validacao.axes[0].get_legend().get_texts()]
    assert rotulos == ["treino A", "treino B"]
    com_validacao = Playground(**PEQUENA).sessao.desenhar()
    assert [t.get_text() for t in com_validacao.axes[0].get_legend().get_texts()] == [
        "treino A", "treino B", "validação A", "validação B"]
    custo, taxa = com_validacao.axes[1:3]
    assert custo.get_ylim()[0] >= 0 and taxa.get_ylim() == (0, 100)

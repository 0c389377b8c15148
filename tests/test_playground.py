"""O Playground (capítulo 10): a configuração, o motor sem widgets e a interface dirigida por código."""
import dataclasses
import time

import numpy as np
import pytest
import torch

from moonlib import fixar_sementes
from moonlib.playground import CONTROLES, Configuracao, Playground, Sessao, gerar_dados, treinar_sementes

pytest.importorskip("ipywidgets")

# Poucos pontos e poucas épocas: os testes rodam em segundos numa CPU ocupada.
PEQUENA = dict(NA=100, NB=100, epocas=10)


@pytest.fixture(autouse=True)
def _sementes():
    fixar_sementes(111)


# -- Configuracao ------------------------------------------------------------------------

def test_padrao_e_a_rede_do_tutorial_com_o_adam_do_capitulo_5():
    c = Configuracao()
    assert (c.NA, c.NB, c.r1, c.r2, c.r3) == (500, 500, 10, -4, 6)
    assert c.ocultas == (3, 5, 5, 2) and c.ativacao == c.ativacao_saida == "tanh"
    assert (c.custo, c.otimizador, c.passo, c.tamanho_lote) == ("mse", "adam", 0.03, 100)
    assert c.tamanhos() == (200, 800) and c.regra == "sinal"


@pytest.mark.parametrize("valores, trecho", [
    (dict(NA=0), "NA deve ser"),
    (dict(NA=2.5), "NA deve ser um número inteiro"),
    (dict(r1=2, r3=6), "raio interno"),
    (dict(ruido=-1), "ruido deve estar em"),
    (dict(validacao=0.95), "validacao"),
    (dict(ocultas="3,x"), "separadas por vírgulas"),
    (dict(ocultas=(3, 0)), "de 1 a"),
    (dict(ativacao="softmax"), "ativacao desconhecido"),
    (dict(dropout=1.0), "dropout deve estar em"),
    (dict(inicializacao="ones"), "inicializacao desconhecido"),
    (dict(custo="bce"), "logito"),
    (dict(otimizador="rmsprop"), "otimizador desconhecido"),
    (dict(passo=0), "passo deve estar em"),
    (dict(passo=float("nan")), "passo deve ser um número real finito"),
    (dict(agendador="plateau"), "agendador desconhecido"),
    (dict(epocas=0), "epocas deve ser"),
    (dict(normalizacao=True, tamanho_lote=1), "um ponto só"),
    (dict(normalizacao=True, NA=50, NB=51, validacao=0.0, tamanho_lote=10), "um ponto só"),
    (dict(NA=1, NB=1, validacao=0.2), "não separa nenhum ponto"),
])
def test_valores_invalidos_explicam_em_portugues(valores, trecho):
    with pytest.raises(ValueError, match=trecho):
        Configuracao(**valores)


def test_camadas_ocultas_aceitam_texto_sequencia_ou_nenhuma():
    assert Configuracao(ocultas="8, 8").ocultas == (8, 8)
    assert Configuracao(ocultas=[4]).ocultas == (4,)
    assert Configuracao(ocultas="").ocultas == Configuracao(ocultas="nenhuma").ocultas == ()


@pytest.mark.parametrize("config", [
    Configuracao(),
    Configuracao(NA=120, NB=80, r2=1.5, ruido=0.37, validacao=0.25, semente_dados=7, ocultas=(), ativacao="relu",
                 ativacao_saida="identidade", dropout=0.1, normalizacao=True, inicializacao="normal_grande",
                 semente=3, custo="bce", otimizador="sgd", passo=1e-3, tamanho_lote=64, agendador="cosseno",
                 epocas=17),
])
def test_texto_de_uma_linha_ida_e_volta(config):
    texto = config.para_texto()
    assert "\n" not in texto and "passo=" in texto
    assert Configuracao.de_texto(texto) == config


def test_texto_com_chaves_faltando_usa_o_padrao_e_erros_em_portugues():
    assert Configuracao.de_texto("passo=0.1 otimizador=sgd") == Configuracao(passo=0.1, otimizador="sgd")
    with pytest.raises(ValueError, match="chave desconhecida"):
        Configuracao.de_texto("lr=0.1")
    with pytest.raises(ValueError, match="chave=valor"):
        Configuracao.de_texto("passo 0.1")
    with pytest.raises(ValueError, match="valor inválido para passo"):
        Configuracao.de_texto("passo=muito")
    with pytest.raises(ValueError, match="duas vezes"):
        Configuracao.de_texto("passo=0.1 passo=0.2")


@pytest.mark.parametrize("valores", [
    dict(PEQUENA),
    dict(PEQUENA, ruido=0.5, ocultas="6,4", custo="bce", ativacao_saida="identidade", otimizador="sgd", passo=0.5,
         dropout=0.1, inicializacao="xavier_normal", agendador="cosseno", tamanho_lote=32),
    dict(PEQUENA, normalizacao=True, agendador="steplr", inicializacao="normal_grande", validacao=0.0),
    dict(PEQUENA, agendador="exponencial", inicializacao="zeros", ativacao="relu"),
])
def test_codigo_mostrado_treina_e_da_os_numeros_da_sessao(valores):
    config = Configuracao(**valores)
    codigo = config.codigo()
    compile(codigo, "<codigo>", "exec")
    espaco = {}
    exec(codigo, espaco)
    h = espaco["historico"]
    assert h.epocas == config.epocas and isinstance(espaco["modelo"], torch.nn.Module)
    sessao = Sessao(config)
    sessao.treinar_epocas(config.epocas)
    assert h.custos_treino == sessao.historico.custos_treino
    assert h.taxas_validacao == sessao.historico.taxas_validacao
    assert espaco["taxa_treino"] == sessao.taxas_treino[-1]


def test_codigo_explica_a_escolha_da_entropia_cruzada():
    codigo = Configuracao(custo="bce", ativacao_saida="identidade").codigo()
    assert "BCEWithLogitsLoss" in codigo and "rotulos_01" in codigo and "BCELoss" in codigo


# -- Sessao -------------------------------------------------------------------------------

def test_dados_com_ruido_e_separacao_de_validacao():
    c = Configuracao(NA=100, NB=100, validacao=0.25)
    treino, val = gerar_dados(c)
    assert treino.shape == (150, 3) and val.shape == (50, 3)
    com_ruido, _ = gerar_dados(dataclasses.replace(c, ruido=1.0))
    assert np.array_equal(com_ruido[:, 2], treino[:, 2]) and not np.allclose(com_ruido[:, :2], treino[:, :2])


def test_treino_em_trechos_e_igual_ao_treino_de_uma_vez_e_isolado_do_notebook():
    inteira = Sessao(**PEQUENA, dropout=0.2)
    inteira.treinar_epocas(5)
    em_trechos = Sessao(**PEQUENA, dropout=0.2)
    em_trechos.treinar_epocas(2)
    estado = torch.get_rng_state()
    torch.rand(10)  # o resto do notebook sorteia algo entre dois trechos
    em_trechos.treinar_epocas(3)
    assert em_trechos.historico.custos_lote == inteira.historico.custos_lote
    assert len(em_trechos.taxas_treino) == len(em_trechos.historico.taxas_validacao) == em_trechos.epoca == 5
    torch.set_rng_state(estado)
    antes = torch.rand(3)
    torch.set_rng_state(estado)
    Sessao(**PEQUENA).treinar_epocas(2)  # a sessão não consome o gerador global
    assert torch.equal(torch.rand(3), antes)


def test_reiniciar_volta_aos_mesmos_pesos_e_dados():
    s = Sessao(**PEQUENA)
    inicial = s.grade()[2]
    s.treinar_epocas(3)
    assert not np.allclose(s.grade()[2], inicial)
    s.reiniciar()
    assert s.epoca == 0 and s.taxas_treino == [] and np.array_equal(s.grade()[2], inicial)


def test_sem_validacao():
    s = Sessao(**PEQUENA, validacao=0.0)
    s.treinar_epocas(2)
    assert s.validacao is None and s.historico.custos_validacao == [] and len(s.taxas_treino) == 2
    assert "validação" not in s.resumo()


def test_passo_enorme_diverge_com_aviso_em_portugues():
    s = Sessao(**PEQUENA, otimizador="sgd", passo=5.0, ativacao_saida="identidade")
    s.treinar_epocas(10)
    assert s.divergiu and s.epoca < 10
    assert "divergiu" in s.aviso and "passo" in s.aviso
    epocas = s.epoca
    s.treinar_epocas(5)  # depois de divergir, não treina mais
    assert s.epoca == epocas
    s.desenhar()  # a figura de um treino que divergiu (saídas NaN) não quebra


def test_figura_tem_um_ponto_por_epoca():
    s = Sessao(**PEQUENA)
    s.treinar_epocas(4)
    fig = s.desenhar()
    mapa, custo, taxa = fig.axes[:3]
    for ax in (custo, taxa):
        assert [len(linha.get_xdata()) for linha in ax.lines] == [4, 4]
    assert custo.get_yscale() == "log"
    png = s.png()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"


def test_varias_sementes_de_uma_vez_comecam_como_as_sessoes():
    config = Configuracao(**PEQUENA, agendador="cosseno")
    modelos, h = treinar_sementes(config, [111, 5], epocas=3)
    assert h.custos_validacao.shape == (3, 2) and modelos.k == 2
    for k, semente in enumerate([111, 5]):
        s = Sessao(config, semente=semente)
        s.treinar_epocas(3)
        assert np.allclose(h.custos_validacao[:, k], s.historico.custos_validacao, rtol=1e-4)


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
    with pytest.raises(ValueError, match="controles desconhecidos"):
        Playground(["lr"])


def test_executar_passo_e_reiniciar():
    pg = Playground(**PEQUENA)
    inicial = _grade(pg)
    figura_inicial = pg.figura.value
    pg.executar(3)
    assert pg.sessao.epoca == 3 and "época 3" in pg.estado.value
    assert not np.allclose(_grade(pg), inicial) and pg.figura.value != figura_inicial
    pg.passo()
    assert pg.sessao.epoca == 4
    pg.botoes["passo"].click()
    assert pg.sessao.epoca == 5
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
    assert not pg.carregar("passo=-1")
    assert pg.aviso_visivel and pg.config == outra and pg.texto.value == outra.para_texto()


def test_valores_fora_da_faixa_dos_controles_nao_sao_cortados():
    pg = Playground(NA=3000, NB=20, epocas=5000, passo=50.0, otimizador="sgd")
    assert pg.controles["NA"].value == 3000 and pg.controles["epocas"].value == 5000
    assert pg.controles["passo"].value == pytest.approx(50.0)
    assert pg.config.NA == 3000 and pg.config.passo == 50.0


def test_executar_em_segundo_plano_e_pausar():
    pg = Playground(NA=100, NB=100, epocas=100000)
    pg.SEGUNDOS_POR_QUADRO = 0.05
    pg.botoes["executar"].click()
    assert pg.executando or pg.sessao.epoca > 0
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
    pg._fio.join(60)
    assert pg.sessao.epoca == 8

"""O Playground (capítulo 10): a configuração, as tabelas de opções e o motor, sem widgets."""
import dataclasses

import numpy as np
import pytest
import torch

from moonlib import fixar_sementes, modelos
from moonlib.playground import Configuracao, Sessao, gerar_dados, opcoes, treinar_sementes

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
    (dict(NA=0), r"NA deve ser um inteiro em \[1, 5000\]; recebi 0"),
    (dict(NA=2.5), r"NA deve ser um número inteiro em \[1, 5000\]; recebi 2.5"),
    (dict(r1=2, r3=6), "o raio interno não pode ser negativo"),
    (dict(ruido=-1), r"ruido deve ser um número em \[0, 20\]; recebi -1"),
    (dict(validacao=0.95), r"validacao \(fração dos pontos\) deve ser um número em \[0, 0.9\]"),
    (dict(ocultas="3,x"), "separadas por vírgulas"),
    (dict(ocultas=(3, 0)), r"cada camada oculta \(unidades\) deve ser um inteiro em \[1, 64\]; recebi 0"),
    (dict(ativacao="softmax"), "ativacao desconhecido: 'softmax'; use um de: tanh, relu"),
    (dict(dropout=1.0), r"dropout deve ser um número em \[0, 1\); recebi 1"),
    (dict(inicializacao="ones"), "inicializacao desconhecido: 'ones'"),
    (dict(custo="bce"), "a saída da rede deve ser o logito"),
    (dict(otimizador="rmsprop"), "otimizador desconhecido: 'rmsprop'; use um de: sgd, adam"),
    (dict(passo=0), r"passo deve ser um número em \(0, 100\]; recebi 0"),
    (dict(passo=float("nan")), r"passo deve ser um número finito em \(0, 100\]; recebi nan"),
    (dict(agendador="plateau"), "agendador desconhecido: 'plateau'"),
    (dict(epocas=0), r"epocas deve ser um inteiro em \[1, 100000\]; recebi 0"),
    (dict(normalizacao="sim"), "normalizacao deve ser True ou False; recebi 'sim'"),
    (dict(normalizacao=True, tamanho_lote=1), "um ponto só"),
    (dict(normalizacao=True, NA=50, NB=51, validacao=0.0, tamanho_lote=10), "um ponto só"),
    (dict(NA=1, NB=1, validacao=0.2), "não separa nenhum ponto"),
])
def test_valores_invalidos_explicam_em_portugues(valores, trecho):
    with pytest.raises(ValueError, match=trecho):
        Configuracao(**valores)


def test_configuracao_nao_muda_depois_de_conferida():
    c = Configuracao()
    with pytest.raises(dataclasses.FrozenInstanceError, match="cannot assign to field 'passo'"):
        c.passo = -5
    with pytest.raises(dataclasses.FrozenInstanceError, match="cannot assign to field 'ativacao'"):
        c.ativacao = "tanh'); import os; ('"   # um texto forjado nunca chega ao código que o capítulo 10 executa
    with pytest.raises(ValueError, match=r"passo deve ser um número em \(0, 100\]; recebi -5"):
        dataclasses.replace(c, passo=-5)


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
    assert Configuracao.faltando("passo=0.1 otimizador=sgd") == [
        n for n in (f.name for f in dataclasses.fields(Configuracao)) if n not in ("passo", "otimizador")]
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
    fig = s.desenhar()  # a figura de um treino que divergiu (saídas NaN) sai, com o aviso no título
    assert fig.axes[0].get_title().endswith("(divergiu)")


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




# -- as tabelas de opções: um objeto, um item de menu e uma linha de código por entrada ---

def _paridade(config):
    """Roda o código mostrado e a sessão; os números têm de ser os mesmos."""
    espaco = {}
    exec(config.codigo(), espaco)
    sessao = Sessao(config)
    sessao.treinar_epocas(config.epocas)
    assert espaco["historico"].custos_treino == sessao.historico.custos_treino, config.para_texto()
    assert espaco["historico"].taxas_validacao == sessao.historico.taxas_validacao
    return espaco, sessao


BASE = dict(NA=60, NB=60, epocas=3, tamanho_lote=30)
TODAS = ([("otimizador", v, {}) for v in opcoes.OTIMIZADORES]
         + [("agendador", v, {}) for v in opcoes.AGENDADORES]
         + [("inicializacao", v, {}) for v in opcoes.INICIALIZACOES]
         + [("custo", v, {"ativacao_saida": c.ativacao_saida}) for v, c in opcoes.CUSTOS.items()]
         + [("ativacao", v, {}) for v in modelos.ATIVACOES]
         + [("ativacao_saida", v, {}) for v in modelos.ATIVACOES])


@pytest.mark.parametrize("campo, valor, extras", TODAS, ids=[f"{c}={v}" for c, v, _ in TODAS])
def test_cada_opcao_de_cada_escolha_o_codigo_reproduz_a_sessao(campo, valor, extras):
    config = Configuracao(**BASE, **{campo: valor}, **extras)
    espaco, sessao = _paridade(config)
    assert valor in opcoes.opcoes(campo)
    if campo == "otimizador":
        assert type(sessao.otimizador) is opcoes.OTIMIZADORES[valor].classe is type(espaco["otimizador"])
    if campo == "agendador" and opcoes.AGENDADORES[valor].classe is not None:
        assert type(sessao.agendador) is opcoes.AGENDADORES[valor].classe is type(espaco["agendador"])


def test_acrescentar_o_rmsprop_e_uma_entrada_da_tabela(monkeypatch):
    monkeypatch.setitem(opcoes.OTIMIZADORES, "rmsprop", opcoes.Otimizador("RMSprop", torch.optim.RMSprop, {"alpha": 0.9}))
    config = Configuracao(**BASE, otimizador="rmsprop", passo=0.01)
    espaco, sessao = _paridade(config)
    assert isinstance(sessao.otimizador, torch.optim.RMSprop) and isinstance(espaco["otimizador"], torch.optim.RMSprop)
    assert "torch.optim.RMSprop(modelo.parameters(), lr=0.01, alpha=0.9)" in config.codigo()
    assert opcoes.opcoes("otimizador")["rmsprop"] == "RMSprop"


def test_uma_ativacao_nova_no_registro_aparece_no_playground(monkeypatch):
    monkeypatch.setitem(modelos.ATIVACOES, "gelu", torch.nn.GELU)
    config = Configuracao(**BASE, ativacao="gelu")
    _paridade(config)
    assert opcoes.opcoes("ativacao")["gelu"] == "gelu"
    _, h = treinar_sementes(config, [1, 2], epocas=2)  # e no modelo empilhado
    assert h.custos_treino.shape == (2, 2)

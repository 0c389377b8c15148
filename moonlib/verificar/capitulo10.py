"""Autoverificação dos exercícios do capítulo 10: cada resposta é treinada com 10 sementes."""
import dataclasses
import numbers

import numpy as np

from ..metricas import epocas_ate
from ..reprodutibilidade import sementes
from .comum import incompleta, perto, responder

K = 10
CAMPOS_DOS_DADOS = ("NA", "NB", "r1", "r2", "r3", "ruido", "validacao", "semente_dados")


def _configuracao(resposta, nome):
    from ..playground import Configuracao
    if not isinstance(resposta, Configuracao):
        responder(False, f"{nome} deve ser uma Configuracao, por exemplo Configuracao.de_texto(\"...\") "
                         "com a linha do campo configuração do Playground.")
        return None
    return resposta


def exercicio_10_1(minha_config, semente=111):
    """Capítulo 10, exercício 10.1: zerar o erro de validação em até 15 épocas, na maioria de 10 sementes."""
    if incompleta(minha_config):
        return
    from ..playground import Configuracao, treinar_sementes
    c = _configuracao(minha_config, "minha_config")
    if c is None:
        return
    padrao = Configuracao(semente_dados=semente)
    mudados = [n for n in CAMPOS_DOS_DADOS if getattr(c, n) != getattr(padrao, n)]
    if mudados:
        return responder(False, f"mude só a rede e o treinamento; você mudou os dados ({', '.join(mudados)}), "
                                f"que devem ser os do capítulo (semente_dados = {semente}).")
    _, h = treinar_sementes(c, sementes(K, semente), epocas=15)
    chegaram = int(np.isfinite(epocas_ate(h.taxas_validacao, 0.0)).sum())
    if chegaram > K // 2:  # a contagem exata muda de um processador para outro: não a mostramos
        return responder(True, "")
    return responder(False, f"só {chegaram} de {K} sementes zeraram o erro de validação em 15 épocas. Olhe a figura "
                            "do Playground: a rede do tutorial tem camadas bem estreitas, e o passo também conta.")


def exercicio_10_2(minha_previsao):
    """Capítulo 10, exercício 10.2: o erro de validação, em %, depois de 50 épocas com os pesos zerados."""
    if incompleta(minha_previsao):
        return
    if isinstance(minha_previsao, bool) or not isinstance(minha_previsao, numbers.Real):
        return responder(False, "a previsão é um número: o erro de validação, em %.")
    if perto(minha_previsao, 0.5, 1e-9):
        return responder(False, "a resposta é em %, de 0 a 100 (e não uma fração de 0 a 1).")
    if abs(float(minha_previsao) - 50.0) <= 5:
        return responder(True, "")
    return responder(False, "com todos os pesos e vieses em zero, quanto vale cada unidade oculta, para qualquer "
                            "ponto? E o que a rede pode responder, então (capítulo 7)?")


def exercicio_10_3(config_corrigida, config_do_colega, semente=111):
    """Capítulo 10, exercício 10.3: um só campo mudado, e a configuração treina sem divergir e aprende."""
    if incompleta(config_corrigida):
        return
    from ..playground import treinar_sementes
    c = _configuracao(config_corrigida, "config_corrigida")
    if c is None:
        return
    mudados = [f.name for f in dataclasses.fields(c) if getattr(c, f.name) != getattr(config_do_colega, f.name)]
    if len(mudados) != 1:
        return responder(False, f"mude exatamente um campo da configuração do colega; você mudou {len(mudados)}"
                                + (f" ({', '.join(mudados)})" if mudados else "") + ". Use dataclasses.replace.")
    _, h = treinar_sementes(c, sementes(K, semente), epocas=30)
    divergiram = int(h.divergiu.sum())
    mediana = float(np.median(h.taxas_validacao[-1]))
    if divergiram:
        return responder(False, f"{divergiram} de {K} sementes ainda divergem com {mudados[0]} = {getattr(c, mudados[0])!r}. "
                                "O que faz os passos do SGD crescerem a cada mini-lote?")
    if mediana >= 25:
        return responder(False, f"não diverge mais, mas a mediana do erro de validação ficou em {mediana:.0f} %: a rede "
                                "quase não aprende em 30 épocas. O passo pode estar grande demais (saturação) ou "
                                "pequeno demais para 30 épocas.")
    return responder(True, "")

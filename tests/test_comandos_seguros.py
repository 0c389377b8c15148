"""Os comandos do livro nunca perdem o trabalho de um professor e respondem a um engano em português.

Cada caso daqui foi um defeito encontrado: um notebook destruído por um disco cheio, figuras
apagadas antes de conferir os argumentos, uma solução copiada para o aluno por causa de um
acento, tracebacks e mensagens em inglês.
"""
import json
import os
import resource
import subprocess
import sys

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from moonlib.livro import regenerar
from moonlib.livro.comandos import main


def _notebook(caminho, *fontes, tags=None):
    celulas = [new_code_cell(f) for f in fontes]
    for c, t in zip(celulas, tags or []):
        if t:
            c.metadata["tags"] = list(t)
    nb = new_notebook(cells=[new_markdown_cell("# 1. Teste"), *celulas])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, caminho)
    return caminho.read_bytes()


def _erro(capsys, *argumentos):
    """Roda o comando esperando um engano do usuário: código ≠ 0, uma mensagem, nenhum traceback."""
    with pytest.raises(SystemExit) as saida:
        codigo = main(list(argumentos))
        raise SystemExit(codigo)
    assert saida.value.code not in (0, None)
    texto = capsys.readouterr()
    assert "Traceback" not in texto.out + texto.err
    return texto.err + texto.out


def test_disco_cheio_deixa_o_notebook_byte_a_byte(tmp_path):
    """Como ``prlimit --fsize``: o arquivo gravado passaria do limite; o original tem de sobreviver."""
    nb = tmp_path / "grande.ipynb"
    antes = _notebook(nb, "print('x' * 1_500_000)")
    relatorio = tmp_path / "relatorio.json"

    def limitar():
        resource.setrlimit(resource.RLIMIT_FSIZE, (1_000_000, 1_000_000))

    r = subprocess.run([sys.executable, "-m", "moonlib", "regenerar", str(nb), "--relatorio", str(relatorio)],
                       capture_output=True, text=True, preexec_fn=limitar, timeout=300)
    assert r.returncode == 1, r.stderr
    assert nb.read_bytes() == antes
    assert "FALHOU (arquivo não alterado)" in r.stdout and "não consegui gravar" in r.stdout
    assert "Traceback" not in r.stdout + r.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["grande.ipynb", "relatorio.json"]  # sem temporários
    assert json.loads(relatorio.read_text(encoding="utf-8"))[0]["ok"] is False


def test_lote_com_cinco_jeitos_de_falhar(tmp_path, capsys):
    bom = tmp_path / "1-bom.ipynb"
    _notebook(bom, "x = 6 * 7", "print(x)")
    ruins = {
        "2-erro.ipynb": _notebook(tmp_path / "2-erro.ipynb", "1 / 0"),
        "3-tempo.ipynb": _notebook(tmp_path / "3-tempo.ipynb", "import time\ntime.sleep(60)"),
        "4-kernel.ipynb": _notebook(tmp_path / "4-kernel.ipynb", "import os\nos._exit(1)"),
    }
    (tmp_path / "5-json.ipynb").write_text('{"cells": [', encoding="utf-8")
    ruins["5-json.ipynb"] = (tmp_path / "5-json.ipynb").read_bytes()
    ruins["6-somente-leitura.ipynb"] = _notebook(tmp_path / "6-somente-leitura.ipynb", "print(1)")
    (tmp_path / "6-somente-leitura.ipynb").chmod(0o444)
    relatorio, estado = tmp_path / "relatorio.json", tmp_path / "book" / "estado.md"

    codigo = main(["regenerar", str(tmp_path), "--tempo-limite", "5", "--relatorio", str(relatorio),
                   "--estado", str(estado)])

    assert codigo == 1
    assert nbformat.read(bom, as_version=4).cells[2].outputs[0].text == "42\n"
    for nome, antes in ruins.items():
        assert (tmp_path / nome).read_bytes() == antes, nome
    saida = capsys.readouterr().out
    assert "1 de 6 notebooks regenerados; 5 falharam." in saida
    erros = {r["notebook"]: r["erro"] for r in json.loads(relatorio.read_text(encoding="utf-8"))}
    assert erros["1-bom.ipynb"] == ""
    assert erros["2-erro.ipynb"].startswith("ZeroDivisionError")
    assert "passou de 5 s" in erros["3-tempo.ipynb"]
    assert "kernel morreu" in erros["4-kernel.ipynb"]
    assert "não é um notebook válido" in erros["5-json.ipynb"]
    assert "somente leitura" in erros["6-somente-leitura.ipynb"]
    assert all("\x1b[" not in e for e in erros.values())  # sem os códigos de cor do terminal
    pagina = estado.read_text(encoding="utf-8")
    assert sum(l.startswith("| ") and "`falhou`" in l for l in pagina.splitlines()) == 5 and "\x1b" not in pagina


def test_ctrl_c_deixa_os_arquivos_como_estavam(tmp_path, capsys, monkeypatch):
    a, b = tmp_path / "a.ipynb", tmp_path / "b.ipynb"
    antes = [_notebook(a, "print(1)"), _notebook(b, "print(2)")]

    def interromper(caminho, tempo_limite):
        raise KeyboardInterrupt

    monkeypatch.setattr(regenerar, "regenerar_um", interromper)
    assert main(["regenerar", str(tmp_path), "--relatorio", str(tmp_path / "r.json")]) == 130
    assert [a.read_bytes(), b.read_bytes()] == antes and not (tmp_path / "r.json").exists()
    assert "Interrompido no notebook" in capsys.readouterr().out


def test_estado_json_ilegivel_e_guardado_e_a_pagina_recomeca(tmp_path, capsys):
    nb = tmp_path / "01-a.ipynb"
    _notebook(nb, "print(1)")
    estado = tmp_path / "estado.md"
    estado.with_suffix(".json").write_text("{ isto não é JSON", encoding="utf-8")
    assert main(["regenerar", str(nb), "--estado", str(estado)]) == 0
    assert "`ok`" in estado.read_text(encoding="utf-8")
    assert (tmp_path / "estado.json.ilegivel").read_text(encoding="utf-8") == "{ isto não é JSON"
    assert "estava ilegível" in capsys.readouterr().out


@pytest.mark.parametrize("argumentos, mensagem", [
    (["regenerar", "/nao/existe.ipynb"], "não encontrei o notebook ou a pasta /nao/existe.ipynb"),
    (["regenerar", "--tempo-limite", "0"], "argumento --tempo-limite: deve ser um número finito > 0; recebi '0'"),
    (["regenerar", "--tempo-limite", "-3"], "argumento --tempo-limite: deve ser um número finito > 0"),
    (["figuras", "--passo", "nan"], "argumento --passo: deve ser um número finito > 0; recebi 'nan'"),
    (["figuras", "--epocas", "dez"], "argumento --epocas: esperava um número inteiro; recebi 'dez'"),
    (["benchmark", "--epocas", "0"], "argumento --epocas: deve ser um inteiro ≥ 1; recebi 0"),
    (["regenerar", "--xyz"], "argumentos não reconhecidos: --xyz"),
    (["limpar"], "argumento comando: escolha inválida: 'limpar' (use um de: 'regenerar', 'copias'"),
    ([], "faltam os argumentos: comando"),
])
def test_enganos_viram_mensagens_em_portugues(capsys, argumentos, mensagem):
    assert mensagem in _erro(capsys, *argumentos)


def test_figuras_confere_tudo_antes_de_apagar_as_figuras_antigas(tmp_path, capsys):
    pasta = tmp_path / "figuras"
    pasta.mkdir()
    antiga = pasta / "cap01-fig01.png"
    antiga.write_bytes(b"a figura de ontem")
    assert "não encontrei o notebook ou a pasta /nao/existe.ipynb" in _erro(
        capsys, "figuras", "--saida", str(pasta), "/nao/existe.ipynb")
    assert antiga.read_bytes() == b"a figura de ontem"
    quebrado = tmp_path / "01-quebrado.ipynb"
    quebrado.write_text("[", encoding="utf-8")
    assert "não é um notebook válido" in _erro(capsys, "figuras", "--saida", str(pasta), str(quebrado))
    assert antiga.read_bytes() == b"a figura de ontem"


def test_pasta_de_saida_que_e_um_arquivo_ou_sem_permissao(tmp_path, capsys):
    nb = tmp_path / "01-a.ipynb"
    _notebook(nb, "print(1)")
    arquivo = tmp_path / "um-arquivo"
    arquivo.write_text("x", encoding="utf-8")
    assert "é um arquivo, não uma pasta" in _erro(capsys, "copias", str(nb), "--saida", str(arquivo))
    assert "é um arquivo, não uma pasta" in _erro(capsys, "figuras", str(nb), "--saida", str(arquivo))
    if os.geteuid() == 0:
        pytest.skip("como root, uma pasta sem permissão de escrita ainda aceita arquivos")
    fechada = tmp_path / "fechada"
    fechada.mkdir(mode=0o555)
    assert "sem permissão" in _erro(capsys, "copias", str(nb), "--saida", str(fechada))


def test_tag_de_solucao_escrita_errado_e_um_erro_e_nada_e_escrito(tmp_path, capsys):
    nb = tmp_path / "01-a.ipynb"
    _notebook(nb, "x = ...", "x = 42  # a resposta", tags=[["exercicio"], ["solução", "hide-cell"]])
    mensagem = _erro(capsys, "copias", str(nb), "--saida", str(tmp_path / "copias"))
    assert "a tag 'solução' parece 'solucao' mas não é" in mensagem
    assert not (tmp_path / "copias" / "aluno").exists()


def test_exercicio_fora_do_lugar_e_uma_mensagem_sem_traceback(tmp_path, capsys):
    nb = tmp_path / "01-a.ipynb"
    _notebook(nb, "x = ...", "print('outra coisa')", tags=[["exercicio"], []])
    assert "exercício sem solução logo abaixo" in _erro(capsys, "copias", str(nb), "--saida", str(tmp_path / "c"))


def test_ctrl_c_nas_figuras_deixa_as_antigas(tmp_path, capsys, monkeypatch):
    from moonlib.livro import figuras
    nb = tmp_path / "01-a.ipynb"
    _notebook(nb, "print(1)")
    pasta = tmp_path / "figuras"
    pasta.mkdir()
    (pasta / "cap01-fig01.png").write_bytes(b"antiga")

    def interromper(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(figuras, "exportar", interromper)
    assert main(["figuras", str(nb), "--saida", str(pasta)]) == 130
    assert [p.name for p in pasta.iterdir()] == ["cap01-fig01.png"]
    assert (pasta / "cap01-fig01.png").read_bytes() == b"antiga"
    assert "Interrompido: as figuras" in capsys.readouterr().out

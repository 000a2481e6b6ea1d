#!/usr/bin/env python3
"""Builds the libFuzzer executable (Fuzz/) and runs each fuzz target for a while.

Usage: scripts/fuzz.py [--seconds N] [--no-build] [TARGET...]     (make fuzz)

Each target is seeded from ../shared/corpus (skipped, with a message, when absent) and the
repository's own inputs and test fixtures, with a dictionary of the readers' keys. Hangs
(-timeout) and memory blow-ups (-rss_limit_mb) count as findings, as crashes do. libFuzzer
runs in fork mode so that one finding does not end the run; every finding lands in
.build-fuzz/findings/TARGET/. The corpus each run grows is kept in .build-fuzz/corpus/TARGET/
for the next run. At the end a table gives executions and findings per target.

To keep a finding: minimise it, then copy it to Tests/CartographKitTests/Fixtures/fuzz/TARGET/
(see README, "Fuzzing"); the test suite replays every file there.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(os.path.dirname(ROOT), 'shared')
SCRATCH = os.path.join(ROOT, '.build-fuzz')
BINARY = os.path.join(SCRATCH, 'release', 'cartograph-fuzz')
FIXTURES = os.path.join(ROOT, 'Tests', 'CartographKitTests', 'Fixtures')
TARGETS = ['spec', 'config', 'status', 'doctl', 'page', 'injection', 'diagram', 'pipeline']

BUILD = ['swift', 'build', '--package-path', 'Fuzz', '--scratch-path', '.build-fuzz', '-c', 'release',
         '--product', 'cartograph-fuzz',
         '-Xswiftc', '-sanitize=fuzzer,address', '-Xswiftc', '-parse-as-library',
         # libyaml (Yams' C part) too, so the fuzzer sees the scanner's branches.
         '-Xcc', '-fsanitize=fuzzer-no-link,address']

# A hang is an input that takes this long in the instrumented release build; the memory
# limit is far above what any input of -max_len needs.
TIMEOUT_SECONDS = 5
RSS_LIMIT_MB = 1024


def read(path):
    with open(path, 'rb') as f:
        return f.read()


def files(folder, suffixes):
    if not os.path.isdir(folder):
        return []
    return [os.path.join(folder, n) for n in sorted(os.listdir(folder)) if n.endswith(suffixes)]


ENVS = re.compile(rb'^(\s*(?:-\s+)?)envs:')


def plant_canaries(text):
    """Replaces env values (`value:` inside an `envs` block, block or flow style) with the
    CANARY placeholder the targets turn into canaries."""
    out = []
    block = None
    for line in text.split(b'\n'):
        stripped = line.lstrip(b' \t')
        indent = len(line) - len(stripped)
        if block is not None and stripped and not stripped.startswith(b'#'):
            if not (indent > block or (indent == block and stripped.startswith(b'-'))):
                block = None
        m = ENVS.match(line)
        if m:
            block = len(m.group(1))
        if block is not None or m:
            line = re.sub(rb'(\bvalue:\s*)("(?:[^"\\]|\\.)*"|\'[^\']*\'|[^,}\]\n#|>]+)', rb'\1CANARY', line)
        out.append(line)
    return b'\n'.join(out)


def plant_json_canaries(text):
    return re.sub(rb'("value"\s*:\s*)"(?:[^"\\]|\\.)*"', rb'\1"CANARY"', text)


def corpus_specs():
    folder = os.path.join(SHARED, 'corpus')
    return files(folder, ('.yaml', '.yml', '.json'))


def names_of(spec):
    """App and component names of a spec, for diagram seeds."""
    return [m.decode('utf-8', 'replace') for m in re.findall(rb'^\s*-?\s*name:\s*["\']?([^"\'\n#]+)', spec, re.M)]


def seeds(target, bench):
    """Seed inputs for a target, as (name, bytes)."""
    out = []
    repo_specs = files(os.path.join(ROOT, 'content', 'apps'), ('.yaml',)) + \
        files(os.path.join(FIXTURES, 'specs'), ('.yaml',)) + files(os.path.join(FIXTURES, 'hostile', 'apps'), ('.yaml',))
    bench_specs = files(os.path.join(bench, 'content', 'apps'), ('.yaml',)) if bench else []
    all_specs = corpus_specs() + repo_specs + bench_specs
    pages = files(os.path.join(ROOT, 'content', 'pages'), ('.md',)) + files(os.path.join(FIXTURES, 'hostile', 'pages'), ('.md',)) + \
        (files(os.path.join(bench, 'content', 'pages'), ('.md',))[:3] if bench else [])
    statuses = [os.path.join(ROOT, 'content', 'status.yaml'), os.path.join(FIXTURES, 'hostile', 'status.yaml')] + \
        ([os.path.join(bench, 'content', 'status.yaml')] if bench else [])
    doctl = files(os.path.join(FIXTURES, 'doctl'), ('.json',)) + files(os.path.join(SHARED, 'reference', 'doctl-json'), ('.json',))
    configs = [os.path.join(ROOT, 'cartograph.yaml'), os.path.join(FIXTURES, 'hostile', 'cartograph.yaml')] + \
        ([os.path.join(bench, 'cartograph.yaml')] if bench else [])
    if target == 'spec':
        for p in all_specs:
            data = read(p)
            out.append((os.path.basename(p), plant_json_canaries(data) if p.endswith('.json') else plant_canaries(data)))
    elif target == 'config':
        out = [(os.path.basename(os.path.dirname(p)) + '-' + os.path.basename(p), read(p)) for p in configs]
        out.append(('minimal.yaml', b'title: T\nspecs: [apps/*.yaml]\npricing: { basic-xs: 12.50 }\n'
                                    b'scenarios: [{ name: s, size: basic-xxs }]\n'))
    elif target == 'status':
        out = [(f'{i}-{os.path.basename(p)}', read(p)) for i, p in enumerate(statuses)]
    elif target == 'doctl':
        out = [(os.path.basename(p), plant_json_canaries(read(p))) for p in doctl]
    elif target == 'page':
        out = [(os.path.basename(p), read(p)) for p in pages]
    elif target == 'injection':
        for i, p in enumerate([os.path.join(ROOT, 'README.md')] + files(os.path.join(ROOT, 'docs'), ('.md',))[:3]):
            text = read(p)[:6000]
            out.append((f'{i}-whole.md', text + b'\n<!-- cartograph:begin -->\nold map\n<!-- cartograph:end -->\n'))
        out += [
            ('sections.md', b'# Infra\n\n<!-- cartograph:begin costs -->\nx\n<!-- cartograph:end -->\n\n'
                            b'<!-- cartograph:begin diagram -->\n<!-- cartograph:end -->\ntail'),
            ('crlf.md', b'a\r\n<!-- cartograph:begin inventory -->\r\nold\r\n<!-- cartograph:end -->\r\n'),
            ('unclosed.md', b'<!-- cartograph:begin -->'),
        ]
    elif target == 'diagram':
        for p in all_specs[:60]:
            names = names_of(read(p))
            if names:
                out.append((os.path.basename(p) + '.txt', ('A' + names[0] + '\n' + ''.join(f'C{n}\n' for n in names[1:12])).encode()))
        out += [
            ('example.txt', b'TInsightPulse\nAweb\nCapi\nZbasic-xs\nR/api\nCworker\nUdb.example.com\nXSupabase\nKPostgreSQL\nYdb.example.com\n'
                            b'Soffline\nNawaiting deployment\nW37\n'),
            ('unicode.txt', 'A漢字のアプリ名前\nC👩‍💻 team\nN\x1b[31mred\u202eevil\nSWeb\nSweb\nH\x02\nO\\nline\\nbreaks\n$123456\n'
                            'XGitHub\nKsource\nA🇯🇵🇯🇵🇯🇵\nCé́́́\nG\u0301nyc\n'.encode()),
        ]
    elif target == 'pipeline':
        for p in all_specs:
            data = read(p)
            out.append((os.path.basename(p), plant_json_canaries(data) if p.endswith('.json') else plant_canaries(data)))
        for name, root in [('example', ROOT), ('hostile', os.path.join(FIXTURES, 'hostile'))] + ([('bench', bench)] if bench else []):
            archive = b'>>> cartograph.yaml\n' + read(os.path.join(root, 'cartograph.yaml'))
            for folder, suffix in [('content/apps', '.yaml'), ('apps', '.yaml'), ('content/pages', '.md'), ('pages', '.md')]:
                for p in files(os.path.join(root, folder), (suffix,))[:4]:
                    data = read(p)
                    archive += f'\n>>> {folder}/{os.path.basename(p)}\n'.encode() + (plant_canaries(data) if suffix == '.yaml' else data)
            for status in ['content/status.yaml', 'status.yaml']:
                if os.path.exists(os.path.join(root, status)):
                    archive += f'\n>>> {status}\n'.encode() + read(os.path.join(root, status))
            out.append((f'{name}-project.txt', archive))
        out.append(('inject-project.txt', b'name: web\nservices:\n  - name: api\n    envs:\n      - { key: K, value: CANARY }\n'
                                          b'>>> README.md\n# Readme\n<!-- cartograph:begin -->\n<!-- cartograph:end -->\n'
                                          b'>>> pages/notes.md\n---\ntitle: Notes\n---\nSee the README.\n'))
    return out


def write_seeds(target, folder, bench):
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    count = 0
    for name, data in seeds(target, bench):
        safe = re.sub(r'[^A-Za-z0-9._-]', '_', name)
        with open(os.path.join(folder, safe), 'wb') as f:
            f.write(data)
        count += 1
    return count


def environment(target, ignore=''):
    env = dict(os.environ)
    env['CARTOGRAPH_FUZZ_TARGET'] = target
    env['CARTOGRAPH_FUZZ_IGNORE'] = ignore
    # Swift's backtracer would hang under ASan at the first crash; libFuzzer reports crashes.
    env['SWIFT_BACKTRACE'] = 'enable=no'
    env['ASAN_OPTIONS'] = 'detect_leaks=0:allocator_may_return_null=0'
    return env


def run(target, seconds, bench, ignore):
    work = os.path.join(SCRATCH, 'work', target)
    corpus = os.path.join(SCRATCH, 'corpus', target)
    findings = os.path.join(SCRATCH, 'findings', target)
    for folder in (work, corpus, findings):
        os.makedirs(folder, exist_ok=True)
    seed_folder = os.path.join(work, 'seeds')
    count = write_seeds(target, seed_folder, bench)
    dictionary = os.path.join(work, 'dict')
    env = environment(target, ignore)
    subprocess.run([BINARY], env=dict(env, CARTOGRAPH_FUZZ_DICT=dictionary), check=True)
    max_len = int(subprocess.run([BINARY], env=dict(env, CARTOGRAPH_FUZZ_MAX_LEN='1'), check=True,
                                 capture_output=True, text=True).stdout.strip())
    before = set(os.listdir(findings))
    log_path = os.path.join(work, 'fuzz.log')
    command = [BINARY, corpus, seed_folder, f'-dict={dictionary}', f'-max_len={max_len}',
               f'-timeout={TIMEOUT_SECONDS}', f'-rss_limit_mb={RSS_LIMIT_MB}', f'-max_total_time={seconds}',
               '-print_final_stats=1', '-fork=1', '-ignore_crashes=1', '-ignore_timeouts=1', '-ignore_ooms=1',
               f'-artifact_prefix={findings}/', '-detect_leaks=0']
    print(f'== {target}: {count} seeds, -max_len={max_len}, {seconds} s', flush=True)
    print(f'   CARTOGRAPH_FUZZ_TARGET={target} CARTOGRAPH_FUZZ_IGNORE={ignore} SWIFT_BACKTRACE=enable=no ' + ' '.join(command),
          flush=True)
    start = time.time()
    with open(log_path, 'w') as log:
        subprocess.run(command, env=env, stdout=log, stderr=subprocess.STDOUT, cwd=work)
    elapsed = time.time() - start
    text = open(log_path, errors='replace').read()
    executions = executed_units(text)
    new = sorted(set(os.listdir(findings)) - before)
    kinds = {}
    for name in new:
        kind = name.split('-')[0]
        kinds[kind] = kinds.get(kind, 0) + 1
    signatures = {}
    for name in new:
        signatures.setdefault(signature(target, os.path.join(findings, name)), []).append(name)
    return {'target': target, 'seconds': round(elapsed), 'executions': executions, 'findings': new, 'kinds': kinds,
            'signatures': signatures, 'log': log_path}


def signature(target, path):
    """What a finding is, in one line: the broken invariant, the trap, the sanitizer report, or a hang."""
    try:
        result = subprocess.run([BINARY, f'-timeout={TIMEOUT_SECONDS}', f'-rss_limit_mb={RSS_LIMIT_MB}', path],
                                env=environment(target), capture_output=True, text=True, errors='replace', timeout=120)
        output = result.stdout + result.stderr
    except subprocess.TimeoutExpired:
        return 'hang (still running after 120 s)'
    for pattern in [r'fuzz invariant broken: ([^\n]{0,70})', r'Fatal error: ([^\n]{0,90})', r'(ERROR: AddressSanitizer: [\w-]+)',
                    r'(ERROR: libFuzzer: timeout)', r'(ERROR: libFuzzer: out-of-memory[^\n]*)', r'(ERROR: libFuzzer: [^\n]*)']:
        m = re.search(pattern, output)
        if m:
            text = m.group(1)
            # Canary numbers and positions differ between members of one class.
            return re.sub(r'\d+', 'N', re.sub(r'zzcanary\d+qx', 'CANARY', text))
    return 'no longer reproduces' if result.returncode == 0 else f'exit {result.returncode}'



def executed_units(log):
    """Total executions: the final stats line, or (fork mode) the last status line."""
    stats = re.findall(r'stat::number_of_executed_units:\s*(\d+)', log)
    if stats:
        return sum(int(s) for s in stats) if '-fork' not in log else int(stats[-1])
    status = re.findall(r'^#(\d+):', log, re.M)
    return int(status[-1]) if status else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--seconds', type=int, default=600, help='time per target (default 600)')
    parser.add_argument('--no-build', action='store_true', help='use the binary already built')
    parser.add_argument('--ignore', default='', help='invariants to leave unchecked while their class is open, e.g. leak,located')
    parser.add_argument('targets', nargs='*', help=f'targets to run (default all: {" ".join(TARGETS)})')
    args = parser.parse_args()
    targets = args.targets or TARGETS
    unknown = [t for t in targets if t not in TARGETS]
    if unknown:
        sys.exit(f'unknown target(s) {" ".join(unknown)}; choose from {" ".join(TARGETS)}')
    os.chdir(ROOT)
    if not args.no_build:
        print('$ ' + ' '.join(BUILD), flush=True)
        subprocess.run(BUILD, check=True)
    if os.path.isdir(os.path.join(SHARED, 'corpus')):
        bench = os.path.join(SCRATCH, 'bench')
        if not os.path.isdir(bench):
            subprocess.run([sys.executable, os.path.join(SHARED, 'bench', 'gen_bench.py'), bench, '3'], check=True,
                           stdout=subprocess.DEVNULL)
    else:
        print(f'note: {SHARED}/corpus is absent: seeding from the repository only', flush=True)
        bench = None
    results = []
    for target in targets:
        results.append(run(target, args.seconds, bench, args.ignore))
    print()
    print(f'{"target":<10} {"seconds":>7} {"executions":>11}  findings')
    for r in results:
        kinds = ', '.join(f'{n} {k}' for k, n in sorted(r['kinds'].items())) or 'none'
        print(f'{r["target"]:<10} {r["seconds"]:>7} {r["executions"]:>11}  {kinds}')
    for r in results:
        for sig, names in sorted(r['signatures'].items()):
            print(f'  {r["target"]}: {len(names)} × {sig}')
            for name in names[:3]:
                print(f'      .build-fuzz/findings/{r["target"]}/{name}')
    with open(os.path.join(SCRATCH, 'last-run.json'), 'w') as f:
        json.dump(results, f, indent=1)
    return 0


if __name__ == '__main__':
    sys.exit(main())

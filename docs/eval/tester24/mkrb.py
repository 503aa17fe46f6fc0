#!/usr/bin/env python3
"""tester24 robustness corpus /tmp/tester24/rb: two real NeuS events from big/ plus bad files."""
import os, shutil, glob, json
B = '/tmp/tester24/big'; R = '/tmp/tester24/rb'
shutil.rmtree(R, ignore_errors=True); os.makedirs(R)
for e in ('2021-05-28-senate-gop-blocks-january-6th-commission', '2021-05-05-us-birth-rate-fell-to-42-year-low-in-202'):
    src = glob.glob(f'{B}/{e}*')[0]; shutil.copytree(src, f'{R}/{os.path.basename(src)}')
shutil.copy(f'{B}/outlets.toml', R)
ev = glob.glob(f'{R}/2021-05-28-*')[0]
W = lambda name, data, mode='w': open(f'{ev}/{name}', mode).write(data)
# 1 malformed front matter: unclosed quote, then a tab-indented key
W('bad-yaml.md', '---\noutlet: "Broken Outlet\ntitle: [unclosed\n\tdate: 2021-05-28\n---\nSenate Republicans blocked the bill on Friday.\n')
# 2 front matter never closed
W('unclosed.md', '---\noutlet: Never Closed\ntitle: x\nSenate Republicans blocked the commission bill on Friday.\n')
# 3 C1 control characters and OSC 8 hyperlink / DCS / 8-bit CSI in text and in the outlet name
W('c1.md', '---\noutlet: "C1\u009b31mRed Outlet"\ntitle: "Headline \u009d0;pwned\u009c with OSC"\ndate: 2021-05-28\n---\n'
  'Senate Republicans on Friday \x1b]8;;http://evil.example\x1b\\blocked\x1b]8;;\x1b\\ the bill \u009b2J to form a commission. '
  'The vote was 54-35\x1bP+q544e\x1b\\ in favor. Tabs\there\tand a form feed\x0c here. Line with lone CR\rOverwrite.\n')
# 4 huge line: 3 MB of words without a full stop, then a normal sentence
W('huge.md', '---\noutlet: Huge Line Daily\ndate: 2021-05-28\n---\n' + ('filibuster commission senate vote ' * 90000) + '\n\nSenate Republicans on Friday blocked the commission bill.\n')
# 5 Latin-1 (not declared) and UTF-16LE without BOM
W('latin1.md', ('---\noutlet: Le Monde Diplomatique\ndate: 2021-05-28\n---\nLes r\u00e9publicains du S\u00e9nat ont bloqu\u00e9 vendredi la commission. Senate Republicans blocked the bill \u2014 a \u00abd\u00e9faite\u00bb.\n').encode('latin-1', 'replace'), 'wb')
W('utf16.md', '---\noutlet: Sixteen Bits\ndate: 2021-05-28\n---\nSenate Republicans on Friday blocked legislation to form a commission to probe the Jan. 6 attack.\n'.encode('utf-16-le'), 'wb')
# 6 a file name with an escape sequence and a newline in it
W('esc\x1b[31mname\nnewline.md', '---\noutlet: Weird Name News\ndate: 2021-05-28\n---\nSenate Republicans on Friday blocked the bill to form a commission.\n')
# 7 event.toml with control characters in the title
open(f'{ev}/event.toml', 'a').write('summary = "Summary \\u001b[2J with ESC and \\u0007 bell"\n')
# 8 JSON list with one broken item
W('feed.json', json.dumps([{'outlet': 'JSON Wire', 'title': 'ok', 'date': '2021-05-28', 'body': 'Senate Republicans blocked the January 6 commission bill on Friday.'},
                           {'outlet': 'JSON Wire 2', 'title': 5, 'date': 'yesterday-ish', 'body': None}], indent=1))
print('built', R)

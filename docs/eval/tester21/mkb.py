import os
E='/tmp/tester21/b/2024-05-01-bridge-collapse'
def w(name, data, mode='w'):
    p=os.path.join(E,name)
    if isinstance(data,str): data=data.encode('utf-8')
    open(p,'wb').write(data)
good='The bridge over the river collapsed on Tuesday morning, killing 4 people. Officials said the span had been inspected in March. Rescue teams searched the water for survivors through the night.\n'
w('reuters.md','---\noutlet: Reuters\ntitle: Bridge collapses, four dead\ndate: 2024-05-01\n---\n'+good+'\nThe governor declared a state of emergency on Wednesday.\n')
w('ap.md','---\noutlet: AP\ntitle: Four killed as bridge falls\ndate: 2024-05-01\n---\nThe bridge over the river collapsed on Tuesday, killing 6 people. Officials said the span had never been inspected. The governor did not declare a state of emergency.\n')
# malformed front matter: unclosed
w('badfm-unclosed.md','---\noutlet: BadFM One\ntitle: Unclosed front matter\ndate: 2024-05-01\nThe bridge collapsed on Tuesday, killing four people.\n')
# malformed YAML: bad indentation / tab / unbalanced quote
w('badfm-yaml.md','---\noutlet: "BadFM Two\ntitle: [unbalanced\ndate: 2024-13-45\n---\nThe bridge collapsed on Tuesday, killing four people, police said.\n')
# duplicate keys
w('dupkeys.md','---\noutlet: Dup Keys\noutlet: Dup Keys Again\ntitle: Dup\n---\nThe bridge collapsed on Tuesday and the mayor blamed the state.\n')
# missing outlet
w('local-paper.md','---\ntitle: No outlet key here\ndate: 2024-05-02\n---\nThe mayor said the bridge collapsed because of years of neglect.\n')
# duplicated outlet (two different Reuters articles in one event)
w('reuters-2.md','---\noutlet: Reuters\ntitle: Bridge update\ndate: 2024-05-02\n---\nThe death toll from the bridge collapse rose to five on Wednesday, officials said.\n')
# empty files
w('empty.md','')
w('fm-only.md','---\noutlet: Empty Body\ntitle: Nothing\n---\n')
w('whitespace.txt','   \n\n\t\n')
# CRLF
w('crlf.md','---\r\noutlet: CRLF Times\r\ntitle: Bridge collapse CRLF\r\ndate: 2024-05-01\r\n---\r\nThe bridge over the river collapsed on Tuesday, killing 4 people.\r\n\r\nOfficials said the span had been inspected in March.\r\n')
# UTF-16 LE with BOM
t='---\noutlet: UTF16 Post\ntitle: Brücke eingestürzt\ndate: 2024-05-01\n---\nThe bridge over the river collapsed on Tuesday, killing four people. Café owners nearby said they heard a loud bang.\n'
w('utf16le.md', b'\xff\xfe'+t.replace('UTF16 Post','UTF16LE Post').encode('utf-16-le'))
w('utf16be.md', b'\xfe\xff'+t.replace('UTF16 Post','UTF16BE Post').encode('utf-16-be'))
w('utf16nobom.md', t.replace('UTF16 Post','UTF16 NoBOM').encode('utf-16-le'))
# Latin-1
w('latin1.md', '---\noutlet: Le Monde Latin\ntitle: Pont effondré à Québec\ndate: 2024-05-01\n---\nThe bridge collapsed on Tuesday near the café, killing four people, said José Müller.\n'.encode('latin-1'))
# control chars and ANSI in title and body
w('ansi.md','---\noutlet: "Evil\\u001b[31m Outlet"\ntitle: "Bridge \u001b[2J\u001b]52;c;aGVsbG8=\u0007 collapse\u0008\u0008XX"\ndate: 2024-05-01\n---\nThe bridge \x1b[31mcollapsed\x1b[0m on Tuesday, killing four people.\x07\x00 Officials\x1b]0;pwned-title\x07 said the span had been inspected in March \u202eevil\u202c.\r Overwrite!\n')
# very long line
w('longline.md','---\noutlet: Long Line Daily\ntitle: Long line\ndate: 2024-05-01\n---\n'+('The bridge collapsed on Tuesday, killing four people, and '*20000)+'officials said the span had been inspected in March.\n')
w('nospace.md','---\noutlet: No Space News\ntitle: No spaces\n---\n'+('x'*300000)+'\n')
# RTL, CJK, emoji
w('rtl.md','---\noutlet: الجزيرة\ntitle: انهيار جسر يقتل أربعة أشخاص\ndate: 2024-05-01\n---\nانهار الجسر فوق النهر صباح الثلاثاء، مما أسفر عن مقتل أربعة أشخاص. The bridge collapsed on Tuesday, killing four people.\n')
w('cjk.md','---\noutlet: 人民日报\ntitle: 桥梁倒塌 四人死亡 🌉💥\ndate: 2024-05-01\n---\n周二上午，河上的桥梁倒塌，造成四人死亡。官员表示，该桥曾在三月接受检查。🚑🚑 The bridge collapsed on Tuesday 👨‍👩‍👧‍👦, killing four people.\n')

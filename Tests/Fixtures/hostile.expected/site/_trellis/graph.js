window.TRELLIS_GRAPH = {"nodes":[
{"id":"Binary.md","title":"Binary","url":"binary.html","tags":[]},
{"id":"Bom.md","title":"BOM note","url":"bom.html","tags":[]},
{"id":"Bytes.md","title":"Bad bytes �� here","url":"bytes.html","tags":[]},
{"id":"Café.md","title":"NFC","url":"café.html","tags":[]},
{"id":"Crlf Target.md","title":"Crlf Target","url":"crlf-target.html","tags":[]},
{"id":"Empty.md","title":"Empty","url":"empty.html","tags":[]},
{"id":"Inject.md","title":"Heading","url":"inject.html","tags":[]},
{"id":"Names.md","title":"Names","url":"names.html","tags":[]},
{"id":"Q\u0026A? 50%.md","title":"Q and A","url":"qa-50.html","tags":[]},
{"id":"Types.md","title":"\u003cscript\u003ealert(1)\u003c/script\u003e","url":"types.html","tags":["5"]},
{"id":"a b.md","title":"Spaced","url":"a-b.html","tags":[]},
{"id":"a-b.md","title":"Dashed","url":"a-b-2.html","tags":[]},
{"id":"emoji 🚀.md","title":"Rocket","url":"emoji.html","tags":[]},
{"id":"sub/Café.md","title":"NFD","url":"sub/café.html","tags":[]},
{"id":"שלום.md","title":"Hebrew","url":"שלום.html","tags":[]}
],"edges":[
{"source":"Bom.md","target":"Crlf Target.md","kind":"link"},
{"source":"Inject.md","target":"Types.md","kind":"link"},
{"source":"Names.md","target":"Café.md","kind":"link"},
{"source":"Names.md","target":"Q\u0026A? 50%.md","kind":"link"},
{"source":"Names.md","target":"a b.md","kind":"link"},
{"source":"Names.md","target":"emoji 🚀.md","kind":"link"},
{"source":"Names.md","target":"sub/Café.md","kind":"link"},
{"source":"Names.md","target":"שלום.md","kind":"link"}
],"dangling":[
{"source":"Inject.md","target":"/etc/hosts"}
]}
;

// A minimal JSON reader for the shared vectors (the JVM has none built in and the tests take no
// dependency but JNA). Every value keeps its exact source text in `raw`, so a bundle or trust
// document is handed to the library byte for byte as the vector file holds it.
package io.setchain.core.test

sealed class Json(val raw: String) {
    class Obj(raw: String, val fields: LinkedHashMap<String, Json>) : Json(raw)
    class Arr(raw: String, val items: List<Json>) : Json(raw)
    class Str(raw: String, val value: String) : Json(raw)
    class Num(raw: String) : Json(raw)
    class Bool(raw: String, val value: Boolean) : Json(raw)
    class Null(raw: String) : Json(raw)

    operator fun get(key: String): Json = (this as Obj).fields[key] ?: error("missing key $key in ${raw.take(80)}")
    fun opt(key: String): Json? = (this as Obj).fields[key]?.takeIf { it !is Null }
    val str: String get() = (this as Str).value
    val long: Long get() = (this as Num).raw.toLong()
    val bool: Boolean get() = (this as Bool).value
    val list: List<Json> get() = (this as Arr).items
    val obj: Map<String, Json> get() = (this as Obj).fields

    companion object {
        fun parse(text: String): Json {
            val reader = Reader(text)
            val value = reader.value()
            reader.space()
            require(reader.pos == text.length) { "trailing text at ${reader.pos}" }
            return value
        }
    }

    private class Reader(val text: String) {
        var pos = 0

        fun space() {
            while (pos < text.length && text[pos].isWhitespace()) pos++
        }

        fun value(): Json {
            space()
            val start = pos
            return when (val c = text[pos]) {
                '{' -> {
                    pos++
                    val fields = LinkedHashMap<String, Json>()
                    space()
                    if (text[pos] == '}') pos++ else while (true) {
                        val key = (value() as Str).value
                        space(); expect(':')
                        fields[key] = value()
                        space()
                        if (text[pos++] == '}') break
                    }
                    Obj(text.substring(start, pos), fields)
                }
                '[' -> {
                    pos++
                    val items = ArrayList<Json>()
                    space()
                    if (text[pos] == ']') pos++ else while (true) {
                        items.add(value())
                        space()
                        if (text[pos++] == ']') break
                    }
                    Arr(text.substring(start, pos), items)
                }
                '"' -> {
                    pos++
                    val out = StringBuilder()
                    while (text[pos] != '"') {
                        if (text[pos] == '\\') {
                            pos++
                            when (val e = text[pos]) {
                                'n' -> out.append('\n'); 't' -> out.append('\t'); 'r' -> out.append('\r')
                                'b' -> out.append('\b'); 'f' -> out.append('\u000c')
                                'u' -> { out.append(text.substring(pos + 1, pos + 5).toInt(16).toChar()); pos += 4 }
                                else -> out.append(e)
                            }
                            pos++
                        } else out.append(text[pos++])
                    }
                    pos++
                    Str(text.substring(start, pos), out.toString())
                }
                't' -> { expectWord("true"); Bool("true", true) }
                'f' -> { expectWord("false"); Bool("false", false) }
                'n' -> { expectWord("null"); Null("null") }
                else -> {
                    require(c == '-' || c.isDigit()) { "unexpected '$c' at $pos" }
                    while (pos < text.length && (text[pos].isDigit() || text[pos] in "+-.eE")) pos++
                    Num(text.substring(start, pos))
                }
            }
        }

        fun expect(c: Char) {
            require(text[pos] == c) { "expected '$c' at $pos" }
            pos++
        }

        fun expectWord(word: String) {
            require(text.startsWith(word, pos)) { "expected $word at $pos" }
            pos += word.length
        }
    }
}

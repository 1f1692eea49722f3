#include "io/CsvReader.h"

#include "IoTestSupport.h"

#include <gtest/gtest.h>
#include <QBuffer>
#include <QIODevice>
#include <QStringEncoder>

using namespace outpost;
using namespace outpost::test;

namespace {

CsvReader::Options withHeader()
{
    CsvReader::Options options;
    options.hasHeader = true;
    return options;
}

QStringList fieldsOf(const char* a, const char* b)
{
    return {u8s(a), u8s(b)};
}

// A device that makes up a large CSV file as it is read, so the test itself holds no file in memory.
class GeneratedCsvDevice : public QIODevice
{
public:
    explicit GeneratedCsvDevice(qint64 rows)
        : m_rows(rows)
    {
        m_pending = "id,name,note\r\n";
    }
    bool isSequential() const override { return true; }

protected:
    qint64 readData(char* data, qint64 maxSize) override
    {
        while (m_pending.size() < maxSize && m_next <= m_rows) {
            const QByteArray n = QByteArray::number(m_next);
            m_pending += n + ",Name " + n + ",\"note, with \"\"quotes\"\"\r\nand a line break\"\r\n";
            ++m_next;
        }
        const qint64 n = std::min<qint64>(maxSize, m_pending.size());
        memcpy(data, m_pending.constData(), static_cast<size_t>(n));
        m_pending.remove(0, n);
        return n;
    }
    qint64 writeData(const char*, qint64) override { return -1; }

private:
    qint64 m_rows;
    qint64 m_next = 1;
    QByteArray m_pending;
};

} // namespace

TEST(CsvReaderTest, QuotedFieldsWithDelimitersDoubledQuotesAndLineBreaks)
{
    const QByteArray data = lines({
        "name,note",
        "\"Doe, Jane\",\"She said \"\"hi\"\"",
        "and left\"",
        "Bob,plain",
    });
    const QList<CsvRecord> records = readCsv(data, withHeader());
    ASSERT_EQ(records.size(), 2);
    EXPECT_TRUE(records[0].isOk());
    EXPECT_EQ(records[0].fields, QStringList({u8s("Doe, Jane"), u8s("She said \"hi\"\nand left")}));
    EXPECT_EQ(records[0].firstLine, 2);
    EXPECT_EQ(records[0].lastLine, 3);
    EXPECT_EQ(records[1].fields, fieldsOf("Bob", "plain"));
    EXPECT_EQ(records[1].firstLine, 4);
    EXPECT_EQ(records[1].lastLine, 4);
}

TEST(CsvReaderTest, CrlfLfAndLoneCrLineEndsReadTheSame)
{
    for (std::string_view eol : {"\r\n", "\n", "\r"}) {
        SCOPED_TRACE(eol.size() == 2 ? "CRLF" : eol == "\n" ? "LF" : "CR");
        const QByteArray data = lines({"a,b", "\"multi", "line\",x", "c,d"}, eol);
        const QList<CsvRecord> records = readCsv(data);
        ASSERT_EQ(records.size(), 3);
        EXPECT_EQ(records[1].fields, fieldsOf("multi\nline", "x"));
        EXPECT_EQ(records[1].firstLine, 2);
        EXPECT_EQ(records[2].fields, fieldsOf("c", "d"));
        EXPECT_EQ(records[2].firstLine, 4);
        for (const CsvRecord& r : records)
            EXPECT_TRUE(r.isOk()) << r.message.toStdString();
    }
}

TEST(CsvReaderTest, LineBreaksInsideQuotesCanBeKeptAsTheyAre)
{
    CsvReader::Options options;
    options.normalizeLineBreaks = false;
    const QList<CsvRecord> records = readCsv("\"a\r\nb\",\"c\rd\"\r\n", options);
    ASSERT_EQ(records.size(), 1);
    EXPECT_EQ(records[0].fields, fieldsOf("a\r\nb", "c\rd"));
}

TEST(CsvReaderTest, TrailingAndBlankLinesAreNotRecords)
{
    const QByteArray data = "a,b\r\n\r\nc,d\r\n\r\n";
    const QList<CsvRecord> records = readCsv(data);
    ASSERT_EQ(records.size(), 2);
    EXPECT_EQ(records[1].firstLine, 3);

    CsvReader::Options keep;
    keep.skipEmptyLines = false;
    keep.checkFieldCount = false;
    const QList<CsvRecord> all = readCsv(data, keep);
    ASSERT_EQ(all.size(), 4);
    EXPECT_EQ(all[1].fields, QStringList{QString()});
    EXPECT_EQ(all[3].fields, QStringList{QString()});
}

TEST(CsvReaderTest, WhitespaceAroundQuotedFieldsIsTolerated)
{
    const QList<CsvRecord> records = readCsv("a,  \"b, c\"  , d \r\n");
    ASSERT_EQ(records.size(), 1);
    EXPECT_TRUE(records[0].isOk());
    // Spaces around a quoted field go; spaces in an unquoted field are data (RFC 4180).
    EXPECT_EQ(records[0].fields, QStringList({u8s("a"), u8s("b, c"), u8s(" d ")}));
}

TEST(CsvReaderTest, EmptyFieldsAndAFinalLineWithoutLineBreak)
{
    const QList<CsvRecord> records = readCsv("a,,\"\"\r\n,x,");
    ASSERT_EQ(records.size(), 2);
    EXPECT_EQ(records[0].fields, QStringList({u8s("a"), QString(), QString()}));
    EXPECT_EQ(records[1].fields, QStringList({QString(), u8s("x"), QString()}));
    EXPECT_EQ(records[1].firstLine, 2);
}

TEST(CsvReaderTest, SniffsEachDelimiter)
{
    struct Case
    {
        QByteArray data;
        QChar expected;
    };
    const QList<Case> cases{
        {lines({"name,city,note", "Anna,Berlin,\"likes ; and |\"", "Bob,Paris,x"}), u','},
        // German Excel: semicolons, decimal commas.
        {lines({"Name;Preis;Menge", "Apfel;1,50;3", "Birne;2,25;10", "Kiwi;0,99;1"}), u';'},
        {lines({"name\tstreet", "Anna\tMain St, 5", "Bob\tHigh St, 7"}), u'\t'},
        {lines({"id|name|mail", "1|Anna, B.|a@example.com", "2|Bob|b@example.com"}), u'|'},
    };
    for (const Case& c : cases) {
        QChar found;
        const QList<CsvRecord> records = readCsv(c.data, {}, &found);
        EXPECT_EQ(found, c.expected) << c.data.toStdString();
        ASSERT_FALSE(records.isEmpty());
        EXPECT_GE(records[0].fields.size(), 2);
        for (const CsvRecord& r : records)
            EXPECT_TRUE(r.isOk()) << r.message.toStdString();
    }
    EXPECT_EQ(CsvReader::sniffDelimiter(u"just one column\nand another line\n"), QChar(u','));
}

TEST(CsvReaderTest, ExcelSepLineNamesTheDelimiter)
{
    QChar delimiter;
    const QList<CsvRecord> records = readCsv(lines({"sep=;", "a;b,c", "1;2,5"}), withHeader(), &delimiter);
    EXPECT_EQ(delimiter, QChar(u';'));
    ASSERT_EQ(records.size(), 1);
    EXPECT_EQ(records[0].fields, fieldsOf("1", "2,5"));
    EXPECT_EQ(records[0].firstLine, 3);
}

TEST(CsvReaderTest, HeaderIsReadSeparately)
{
    QBuffer buffer;
    buffer.setData(lines({"First Name,Last Name", "Anna,Schmidt"}));
    buffer.open(QIODevice::ReadOnly);
    CsvReader reader(&buffer, withHeader());
    ASSERT_TRUE(reader.start().ok());
    EXPECT_EQ(reader.header(), fieldsOf("First Name", "Last Name"));
    CsvRecord record;
    ASSERT_TRUE(reader.next(&record));
    EXPECT_EQ(record.fields, fieldsOf("Anna", "Schmidt"));
    EXPECT_FALSE(reader.next(&record));
    EXPECT_TRUE(reader.status().ok());
}

TEST(CsvReaderTest, ReadsEveryEncoding)
{
    const QString text = u8s("Name;Straße;Preis\r\nJosé Müller;Königstraße 5;€ 12\r\n");
    const auto encode = [&](QStringConverter::Encoding e) -> QByteArray {
        QStringEncoder encoder(e);
        return encoder.encode(text);
    };
    struct Case
    {
        const char* what;
        QByteArray data;
        TextEncoding expected;
    };
    const QList<Case> cases{
        {"UTF-8 with BOM", bytes("{EF}{BB}{BF}") + text.toUtf8(), TextEncoding::Utf8},
        {"UTF-8", text.toUtf8(), TextEncoding::Utf8},
        {"UTF-16LE with BOM", bytes("{FF}{FE}") + encode(QStringConverter::Utf16LE), TextEncoding::Utf16LE},
        {"UTF-16BE with BOM", bytes("{FE}{FF}") + encode(QStringConverter::Utf16BE), TextEncoding::Utf16BE},
        {"Windows-1252", bytes("Name;Stra{DF}e;Preis\r\nJos{E9} M{FC}ller;K{F6}nigstra{DF}e 5;{80} 12\r\n"),
         TextEncoding::Windows1252},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.what);
        QBuffer buffer;
        buffer.setData(c.data);
        buffer.open(QIODevice::ReadOnly);
        CsvReader reader(&buffer, withHeader());
        CsvRecord record;
        ASSERT_TRUE(reader.next(&record));
        EXPECT_EQ(reader.encoding(), c.expected);
        EXPECT_EQ(reader.delimiter(), QChar(u';'));
        EXPECT_EQ(reader.header(), QStringList({u8s("Name"), u8s("Straße"), u8s("Preis")}));
        EXPECT_EQ(record.fields, QStringList({u8s("José Müller"), u8s("Königstraße 5"), u8s("€ 12")}));
        EXPECT_FALSE(reader.hasDecodingErrors());
        EXPECT_TRUE(reader.decodingWarning().isEmpty());
    }
}

TEST(CsvReaderTest, ForcedEncodingAndDecodingWarning)
{
    CsvReader::Options options;
    options.encoding = TextEncoding::Utf8;
    QBuffer buffer;
    buffer.setData(bytes("Jos{E9},x\r\n"));
    buffer.open(QIODevice::ReadOnly);
    CsvReader reader(&buffer, options);
    CsvRecord record;
    ASSERT_TRUE(reader.next(&record));
    EXPECT_EQ(record.fields.front(), QStringLiteral("Jos") + QChar(QChar::ReplacementCharacter));
    EXPECT_TRUE(reader.hasDecodingErrors());
    EXPECT_TRUE(reader.decodingWarning().contains(QStringLiteral("UTF-8")));
}

TEST(CsvReaderTest, MultiByteCharactersSplitAcrossChunkBoundaries)
{
    const QByteArray data = u8s("name,note\r\nJosé,\"€ 5\r\n😀 ok\"\r\nÅsa,ß\r\n").toUtf8();
    for (int chunk = 1; chunk <= 8; ++chunk) {
        SCOPED_TRACE(chunk);
        CsvReader::Options options = withHeader();
        options.chunkSize = chunk;
        const QList<CsvRecord> records = readCsv(data, options);
        ASSERT_EQ(records.size(), 2);
        EXPECT_EQ(records[0].fields, fieldsOf("José", "€ 5\n😀 ok"));
        EXPECT_EQ(records[0].firstLine, 2);
        EXPECT_EQ(records[1].fields, fieldsOf("Åsa", "ß"));
        EXPECT_EQ(records[1].firstLine, 4);
        EXPECT_TRUE(records[0].isOk() && records[1].isOk());
    }
}

TEST(CsvReaderTest, BadLinesYieldTheGoodRecordsAndOneErrorEach)
{
    const QByteArray data = lines({
        "name,city,phone",                               // 1 header
        "Anna,Berlin,030 1",                             // 2
        "Bob,Pa\"ris,040 2",                             // 3 stray quote
        "Carla,Rome,050 3",                              // 4
        "Dan,Oslo",                                      // 5 two fields
        "Eve,\"Vienna, AT\",060 4",                      // 6
        "Finn,\"Müller-Lüdenscheidt AG und Söhne,070 5", // 7 quote never closed
        "Gus,\"Bern, CH\",080 6",                        // 8
        "Hanna,Kyiv,090 7",                              // 9
    });
    const QList<CsvRecord> records = readCsv(data, withHeader());
    QStringList good;
    QList<std::pair<qint64, CsvRecord::Problem>> errors;
    for (const CsvRecord& r : records) {
        if (r.isOk())
            good.append(r.fields.front());
        else
            errors.append({r.firstLine, r.problem});
    }
    EXPECT_EQ(good, QStringList({u8s("Anna"), u8s("Carla"), u8s("Eve"), u8s("Gus"), u8s("Hanna")}));
    const QList<std::pair<qint64, CsvRecord::Problem>> expected{
        {3, CsvRecord::Problem::StrayQuote},
        {5, CsvRecord::Problem::FieldCount},
        {7, CsvRecord::Problem::UnclosedQuote},
    };
    EXPECT_EQ(errors, expected);
    for (const CsvRecord& r : records) {
        if (!r.isOk()) {
            EXPECT_TRUE(r.message.startsWith(QStringLiteral("Line %1: ").arg(r.firstLine)))
                << r.message.toStdString();
        }
    }
    // The broken record keeps what it had, for the error report.
    EXPECT_EQ(records[5].fields.front(), QStringLiteral("Finn"));
    EXPECT_EQ(records[5].lastLine, 7);
    EXPECT_EQ(records[6].fields, QStringList({u8s("Gus"), u8s("Bern, CH"), u8s("080 6")}));
}

TEST(CsvReaderTest, UnclosedQuoteMessageQuotesTheStartOfTheField)
{
    const QList<CsvRecord> records = readCsv(lines({"a,b", "x,\"Müller-Lüdenscheidt und Söhne", "y,z"}));
    ASSERT_EQ(records.size(), 3);
    EXPECT_EQ(records[1].problem, CsvRecord::Problem::UnclosedQuote);
    EXPECT_TRUE(records[1].message.startsWith(
        u8s("Line 2: a quoted field is not closed (it starts with \"Müller-Lüdenscheidt…\")")))
        << records[1].message.toStdString();
    EXPECT_EQ(records[2].fields, fieldsOf("y", "z"));
    EXPECT_EQ(records[2].firstLine, 3);
}

TEST(CsvReaderTest, UnclosedQuoteIsNotAllowedToSwallowTheFile)
{
    // The stray quote on line 3 would pair with the first quote on line 6 and eat lines 3–6.
    const QByteArray data = lines({
        "id,name,note",          // 1
        "1,Anna,ok",             // 2
        "2,\"Bob,broken",        // 3
        "3,Carla,fine",          // 4
        "4,Dan,fine",            // 5
        "5,\"Eve, Jr.\",quoted", // 6
        "6,\"Finn\",\"multi",    // 7
        "line\"",                // 8
        "7,Gus,last",            // 9
    });
    const QList<CsvRecord> records = readCsv(data, withHeader());
    ASSERT_EQ(records.size(), 7);
    EXPECT_EQ(records[1].problem, CsvRecord::Problem::UnclosedQuote);
    EXPECT_EQ(records[1].firstLine, 3);
    EXPECT_EQ(records[1].lastLine, 3);
    EXPECT_EQ(records[2].fields, QStringList({u8s("3"), u8s("Carla"), u8s("fine")}));
    EXPECT_EQ(records[2].firstLine, 4);
    EXPECT_EQ(records[4].fields, QStringList({u8s("5"), u8s("Eve, Jr."), u8s("quoted")}));
    EXPECT_EQ(records[5].fields, QStringList({u8s("6"), u8s("Finn"), u8s("multi\nline")}));
    EXPECT_EQ(records[5].firstLine, 7);
    EXPECT_EQ(records[5].lastLine, 8);
    EXPECT_EQ(records[6].firstLine, 9);
    for (qsizetype i = 0; i < records.size(); ++i) {
        if (i != 1) {
            EXPECT_TRUE(records[i].isOk()) << records[i].message.toStdString();
        }
    }
}

TEST(CsvReaderTest, UnclosedQuoteThatRunsToTheEndOfTheFileCostsOneLine)
{
    const QList<CsvRecord> records = readCsv(lines({"a,b", "1,\"open", "2,x", "3,y"}));
    ASSERT_EQ(records.size(), 4);
    EXPECT_EQ(records[1].problem, CsvRecord::Problem::UnclosedQuote);
    EXPECT_EQ(records[1].firstLine, 2);
    EXPECT_EQ(records[2].fields, fieldsOf("2", "x"));
    EXPECT_EQ(records[3].fields, fieldsOf("3", "y"));
    EXPECT_EQ(records[3].firstLine, 4);

    // A quote opened on the very last line.
    const QList<CsvRecord> last = readCsv("a,b\r\n1,\"open");
    ASSERT_EQ(last.size(), 2);
    EXPECT_EQ(last[1].problem, CsvRecord::Problem::UnclosedQuote);
    EXPECT_EQ(last[1].firstLine, 2);
}

TEST(CsvReaderTest, QuotedFieldLineLimitDeclaresTheQuoteBroken)
{
    const QByteArray data = lines({"a,b", "1,\"l1", "l2", "l3", "l4\"", "2,x"});
    CsvReader::Options generous;
    generous.maxFieldLines = 5;
    const QList<CsvRecord> ok = readCsv(data, generous);
    ASSERT_EQ(ok.size(), 3);
    EXPECT_TRUE(ok[1].isOk());
    EXPECT_EQ(ok[1].fields, fieldsOf("1", "l1\nl2\nl3\nl4"));

    CsvReader::Options strict;
    strict.maxFieldLines = 2;
    strict.checkFieldCount = false;
    const QList<CsvRecord> broken = readCsv(data, strict);
    ASSERT_GE(broken.size(), 3);
    EXPECT_EQ(broken[1].problem, CsvRecord::Problem::UnclosedQuote);
    EXPECT_EQ(broken[1].firstLine, 2);
    EXPECT_EQ(broken[1].lastLine, 2);
    EXPECT_EQ(broken[2].firstLine, 3); // reading went on right after the broken quote's line
    EXPECT_EQ(broken.back().fields, fieldsOf("2", "x"));
}

TEST(CsvReaderTest, StrayQuotesCanBeAccepted)
{
    CsvReader::Options lenient;
    lenient.strictQuotes = false;
    const QList<CsvRecord> records = readCsv("size,item\r\n5\",TV\r\n\"a\"b,c\r\n", lenient);
    ASSERT_EQ(records.size(), 3);
    EXPECT_TRUE(records[1].isOk());
    EXPECT_EQ(records[1].fields, fieldsOf("5\"", "TV"));
    EXPECT_TRUE(records[2].isOk());
    EXPECT_EQ(records[2].fields, fieldsOf("ab", "c"));

    const QList<CsvRecord> strict = readCsv("size,item\r\n5\",TV\r\n\"a\"b,c\r\n");
    EXPECT_EQ(strict[1].problem, CsvRecord::Problem::StrayQuote);
    EXPECT_EQ(strict[2].problem, CsvRecord::Problem::StrayQuote);
    EXPECT_EQ(strict[1].fields, fieldsOf("5\"", "TV"));
}

TEST(CsvReaderTest, OverlongRecordIsSkipped)
{
    CsvReader::Options options;
    options.maxRecordChars = 100;
    options.delimiter = u',';
    const QByteArray data = "a,b\r\n" + QByteArray(500, 'x') + ",y\r\nc,d\r\n";
    const QList<CsvRecord> records = readCsv(data, options);
    ASSERT_EQ(records.size(), 3);
    EXPECT_EQ(records[1].problem, CsvRecord::Problem::TooLong);
    EXPECT_EQ(records[1].firstLine, 2);
    EXPECT_TRUE(records[1].fields.isEmpty());
    EXPECT_EQ(records[2].fields, fieldsOf("c", "d"));
    EXPECT_EQ(records[2].firstLine, 3);

    // Line numbers stay right when the overlong record already ran over line breaks.
    const QByteArray multi = "a,b\r\n\"x\ny\"," + QByteArray(500, 'z') + "\r\nc,d\r\n";
    const QList<CsvRecord> after = readCsv(multi, options);
    ASSERT_EQ(after.size(), 3);
    EXPECT_EQ(after[1].problem, CsvRecord::Problem::TooLong);
    EXPECT_EQ(after[1].firstLine, 2);
    EXPECT_EQ(after[1].lastLine, 3);
    EXPECT_EQ(after[2].firstLine, 4);
}

TEST(CsvReaderTest, ByteOffsetsPointIntoTheFile)
{
    const QByteArray data = bytes("{EF}{BB}{BF}") + u8s("h1,h2\r\nJosé,€\r\n\"a\nb\",😀\r\nlast,x").toUtf8();
    QBuffer buffer;
    buffer.setData(data);
    buffer.open(QIODevice::ReadOnly);
    CsvReader::Options options;
    options.chunkSize = 5;
    CsvReader reader(&buffer, options);
    QList<CsvRecord> records;
    CsvRecord record;
    while (reader.next(&record))
        records.append(record);
    ASSERT_EQ(records.size(), 4);
    EXPECT_EQ(records[0].byteOffset, 3);
    EXPECT_EQ(records[1].byteOffset, data.indexOf("Jos"));
    EXPECT_EQ(records[2].byteOffset, data.indexOf("\"a"));
    EXPECT_EQ(records[3].byteOffset, data.indexOf("last"));
    EXPECT_EQ(records[2].byteEnd, records[3].byteOffset);
    EXPECT_EQ(records[3].byteEnd, data.size());
    EXPECT_EQ(reader.bytesRead(), data.size());
    EXPECT_EQ(reader.totalBytes(), data.size());
}

TEST(CsvReaderTest, FormulaProtectionCanBeStripped)
{
    CsvReader::Options options;
    options.stripFormulaProtection = true;
    const QList<CsvRecord> records = readCsv("'=1+1,'+49 170,'plain,'-\r\n", options);
    ASSERT_EQ(records.size(), 1);
    EXPECT_EQ(records[0].fields, QStringList({u8s("=1+1"), u8s("+49 170"), u8s("'plain"), u8s("-")}));
}

TEST(CsvReaderTest, AMillionRowsInConstantMemory)
{
    constexpr qint64 kRows = 1'000'000;
    GeneratedCsvDevice device(kRows);
    device.open(QIODevice::ReadOnly);
    CsvReader reader(&device, withHeader());
    CsvRecord record;
    qint64 count = 0;
    qint64 bad = 0;
    qsizetype maxBuffered = 0;
    while (reader.next(&record)) {
        ++count;
        if (!record.isOk())
            ++bad;
        if (count % 4096 == 0)
            maxBuffered = std::max(maxBuffered, reader.bufferedChars());
    }
    EXPECT_TRUE(reader.status().ok());
    EXPECT_EQ(count, kRows);
    EXPECT_EQ(bad, 0);
    EXPECT_EQ(record.fields, QStringList({u8s("1000000"), u8s("Name 1000000"),
                                          u8s("note, with \"quotes\"\nand a line break")}));
    EXPECT_EQ(record.firstLine, 2 * kRows);
    EXPECT_EQ(record.byteEnd, reader.bytesRead());
    // One chunk plus what was consumed before compaction: far below the ~60 MB of the file.
    EXPECT_LT(maxBuffered, 512 * 1024);
}

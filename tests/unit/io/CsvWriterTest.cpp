#include "io/CsvWriter.h"

#include "IoTestSupport.h"

#include <gtest/gtest.h>
#include <QBuffer>

using namespace outpost;
using namespace outpost::test;

namespace {

QByteArray writeCsv(const QList<QStringList>& records, const CsvWriter::Options& options = {})
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    {
        CsvWriter writer(&buffer, options);
        for (const QStringList& record : records)
            EXPECT_TRUE(writer.writeRecord(record).ok());
        EXPECT_TRUE(writer.flush().ok());
    }
    return buffer.data();
}

} // namespace

TEST(CsvWriterTest, QuotesOnlyWhereNeededAndEndsLinesWithCrlf)
{
    const QByteArray out = writeCsv({
        {u8s("plain"), u8s("a,b"), u8s("say \"hi\""), u8s("two\nlines"), u8s(" padded "), QString(),
         u8s("Müller")},
        {u8s("x"), u8s("cr\rhere")},
    });
    EXPECT_EQ(out, QByteArray("plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\" padded \",,Müller\r\n"
                              "x,\"cr\rhere\"\r\n"));
}

TEST(CsvWriterTest, FormulaProtectionIsOnByDefault)
{
    const QStringList nasty{
        u8s("=SUM(A1:A9)"), u8s("+49 170 1234567"), u8s("-5"), u8s("@cmd"), u8s("\tx"), u8s("\rx"),
        u8s("a=b")};
    EXPECT_EQ(writeCsv({nasty}), QByteArray("'=SUM(A1:A9),'+49 170 1234567,'-5,'@cmd,'\tx,\"'\rx\",a=b\r\n"));

    CsvWriter::Options off;
    off.protectFormulas = false;
    EXPECT_EQ(writeCsv({{u8s("=SUM(A1)"), u8s("-5")}}, off), QByteArray("=SUM(A1),-5\r\n"));
}

TEST(CsvWriterTest, BomForExcel)
{
    CsvWriter::Options options;
    options.writeBom = true;
    EXPECT_EQ(writeCsv({{u8s("é")}}, options), bytes("{EF}{BB}{BF}{C3}{A9}\r\n"));
    EXPECT_EQ(writeCsv({}, options), QByteArray()); // nothing written, no BOM either
}

TEST(CsvWriterTest, OtherDelimiterAndQuoteAll)
{
    CsvWriter::Options semicolon;
    semicolon.delimiter = u';';
    EXPECT_EQ(writeCsv({{u8s("1,5"), u8s("a;b")}}, semicolon), QByteArray("1,5;\"a;b\"\r\n"));

    CsvWriter::Options all;
    all.quoteAll = true;
    EXPECT_EQ(writeCsv({{u8s("a"), QString()}}, all), QByteArray("\"a\",\"\"\r\n"));
}

TEST(CsvWriterTest, ASingleEmptyFieldIsNotAnEmptyLine)
{
    EXPECT_EQ(writeCsv({{QString()}, {u8s("x")}}), QByteArray("\"\"\r\nx\r\n"));
}

TEST(CsvWriterTest, StreamsToTheDeviceInChunks)
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    CsvWriter writer(&buffer);
    const QStringList record{QString(100, u'x'), u8s("y")};
    for (int i = 0; i < 2000; ++i)
        ASSERT_TRUE(writer.writeRecord(record).ok());
    EXPECT_GT(buffer.size(), 0); // written before any flush()
    EXPECT_TRUE(writer.flush().ok());
    EXPECT_EQ(buffer.size(), 2000 * 104); // 100 + "," + 1 + CRLF
}

TEST(CsvWriterTest, WriteErrorsAreReported)
{
    QBuffer buffer;
    buffer.open(QIODevice::ReadOnly);
    CsvWriter writer(&buffer);
    EXPECT_TRUE(writer.writeRecord({u8s("a")}).ok()); // still buffered
    const Status status = writer.flush();
    EXPECT_FALSE(status.ok());
    EXPECT_EQ(status.code(), ErrorCode::Io);
    EXPECT_FALSE(status.message().isEmpty());
    EXPECT_FALSE(writer.writeRecord({u8s("b")}).ok());
}

#pragma once

#include "io/TextEncoding.h"
#include "io/VCard.h"
#include "util/Result.h"

#include <memory>
#include <QCoreApplication>
#include <QList>

class QIODevice;

namespace outpost {

class ByteLineReader;

// Streams the cards of a vCard file — 2.1, 3.0 and 4.0 as phones, mail programs and address books write them:
// - line unfolding (a line starting with space or tab continues the previous one; 3.0/4.0 drop that one
//   whitespace character, 2.1 keeps it), and 2.1 quoted-printable soft line breaks (a value ending in "="
//   continues on the next line as is, whatever that line starts with);
// - CHARSET= per property (UTF-8, ISO-8859-1/Windows-1252, or anything ICU knows, e.g. Shift_JIS); without
//   it a value is UTF-8 when it is valid UTF-8, else Windows-1252 (Outlook writes raw ANSI);
// - ENCODING=QUOTED-PRINTABLE, BASE64/b, 4.0 data: URIs; 2.1 bare params (TEL;CELL;PREF), 3.0 TYPE lists,
//   4.0 quoted TYPE lists, PREF=n and RFC 6868 ^-escapes; groups (item1.EMAIL);
// - binary values (PHOTO, LOGO, SOUND, KEY) are dropped unless keepBinaryData — they are not even buffered —
//   while photo URLs are kept as text; a 2.1 AGENT's embedded card is skipped;
// - several cards per file, blank lines, a BOM, UTF-16 files.
// Problems do not stop the reader: a card without END:VCARD comes back with errorMessage() set (and what was
// read of it), text outside any card comes back as an empty card with errorMessage(), and a line inside a
// card that is not a property is skipped and noted in the card's warnings().
class VCardReader
{
    Q_DECLARE_TR_FUNCTIONS(VCardReader)

public:
    struct Options
    {
        // Encoding of values without CHARSET=. Auto: UTF-8 when valid, else Windows-1252, per value.
        TextEncoding encoding = TextEncoding::Auto;
        bool keepBinaryData = false;
        int chunkSize = 64 * 1024;
        int maxLineBytes = 16 * 1024 * 1024; // one physical line; longer lines are skipped with a warning
    };

    explicit VCardReader(QIODevice* device);
    VCardReader(QIODevice* device, const Options& options);
    ~VCardReader();

    // The next card (check isValid()). False at the end of the input, or when reading failed (status()).
    bool next(VCard* card);

    Status status() const;
    qint64 bytesRead() const;
    qint64 totalBytes() const { return m_totalBytes; }

private:
    struct LogicalLine;
    struct Head;

    bool step();
    bool readLogicalLine(LogicalLine* line);
    void addProperty(const LogicalLine& line);
    void finishCard(int lastLine, bool complete);
    void flushJunk();
    bool skipNestedCard();
    QString decodeValue(const QByteArray& bytes, const QString& charset, bool transferDecoded) const;
    QString decodeHead(QByteArrayView bytes) const;
    bool parseHead(QByteArrayView line, Head* head) const;

    Options m_options;
    std::unique_ptr<ByteLineReader> m_lines;
    qint64 m_totalBytes = -1;
    QList<VCard> m_ready;
    bool m_inCard = false;
    VCard m_card;
    QString m_version;
    int m_junkLine = 0; // first line of a run of text outside any card
    QString m_junkText;
    bool m_lastWasEmptyAgent = false;
};

} // namespace outpost

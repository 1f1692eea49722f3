#pragma once

#include "io/VCard.h"
#include "util/Result.h"

#include <QByteArray>
#include <QCoreApplication>

class QIODevice;

namespace outpost {

// Writes cards as vCard 4.0 (RFC 6350): BEGIN, VERSION:4.0 first, FN always (made from N, ORG or EMAIL when
// the card has none), values escaped for their kind, CRLF line ends, lines folded at 75 octets without
// splitting a UTF-8 sequence. Cards read from older versions are brought forward: CHARSET and ENCODING go
// (values are decoded), TYPE=pref becomes PREF=1, EMAIL's "internet" type goes, kept photo bytes become a
// data: URI, BDAY/ANNIVERSARY become 19850412 or --0412, and properties 4.0 dropped (LABEL, AGENT, NAME,
// MAILER, PROFILE, CLASS, SORT-STRING) are left out.
class VCardWriter
{
    Q_DECLARE_TR_FUNCTIONS(VCardWriter)

public:
    explicit VCardWriter(QIODevice* device);

    Status write(const VCard& card);

    // One card as it is written.
    static QByteArray toVCard4(const VCard& card);
    // Folds one content line (UTF-8, without line end) into CRLF-terminated lines of at most 75 octets.
    static QByteArray fold(const QByteArray& line);

private:
    QIODevice* m_device;
    Status m_status;
};

} // namespace outpost

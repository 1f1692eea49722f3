#pragma once

#include <optional>
#include <QByteArray>
#include <QString>
#include <QStringView>

namespace outpost::auth {

// RFC 4648 base32 (alphabet A–Z 2–7), the form authenticator apps use for TOTP secrets.
class Base32
{
public:
    // Upper case, without '=' padding (what otpauth:// URIs and authenticator apps expect).
    static QString encode(const QByteArray& bytes);

    // Accepts upper or lower case, spaces (as people copy "ABCD EFGH ..."), and trailing '=' padding.
    // Refuses anything else: other characters, padding in the middle, a length no encoding can have, or
    // stray non-zero bits in the last character (so one value has one spelling).
    static std::optional<QByteArray> decode(QStringView text);
};

} // namespace outpost::auth

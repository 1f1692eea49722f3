#include "keys/PassphraseKeyWrap.h"

#include "util/JsonNumber.h"

#include <algorithm>
#include <array>
#include <memory>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <optional>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QJsonValue>

namespace outpost {

namespace {

constexpr auto FormatName = "outpost-wrapped-key";
constexpr auto KdfName = "PBKDF2-HMAC-SHA512";
constexpr auto CipherName = "AES-256-GCM";

const unsigned char* bytes(const QByteArray& b)
{
    return reinterpret_cast<const unsigned char*>(b.constData());
}

unsigned char* bytes(QByteArray& b)
{
    return reinterpret_cast<unsigned char*>(b.data());
}

// Overwrites a buffer we own before it is freed.
void cleanse(QByteArray& b)
{
    if (!b.isEmpty() && b.isDetached())
        OPENSSL_cleanse(b.data(), static_cast<size_t>(b.size()));
    b.clear();
}

// The key-encryption key: wiped when it goes out of scope.
struct Kek
{
    std::array<unsigned char, PassphraseKeyWrap::KeySize> bytes{};
    ~Kek() { OPENSSL_cleanse(bytes.data(), bytes.size()); }
};

struct CipherCtxFree
{
    void operator()(EVP_CIPHER_CTX* ctx) const { EVP_CIPHER_CTX_free(ctx); }
};
using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, CipherCtxFree>;

Error cryptoError(const char* step)
{
    return Error(
        ErrorCode::Crypto,
        PassphraseKeyWrap::tr("The encryption library failed (%1). Outpost cannot protect or unlock the "
                              "database key on this computer; report this problem to support.")
            .arg(QLatin1String(step)));
}

// PBKDF2-HMAC-SHA512 over the NFC-normalised UTF-8 passphrase.
bool deriveKek(const QString& passphrase, const QByteArray& salt, int iterations, Kek& out)
{
    QString nfc = passphrase.normalized(QString::NormalizationForm_C);
    QByteArray utf8 = nfc.toUtf8();
    if (nfc.constData() != passphrase.constData() && nfc.isDetached() && !nfc.isEmpty())
        OPENSSL_cleanse(nfc.data(), static_cast<size_t>(nfc.size()) * sizeof(QChar));
    const int ok = PKCS5_PBKDF2_HMAC(utf8.isEmpty() ? "" : utf8.constData(), static_cast<int>(utf8.size()),
                                     bytes(salt), static_cast<int>(salt.size()), iterations, EVP_sha512(),
                                     static_cast<int>(out.bytes.size()), out.bytes.data());
    cleanse(utf8);
    return ok == 1;
}

bool randomBytes(QByteArray& out, int size)
{
    out = QByteArray(size, Qt::Uninitialized);
    return RAND_bytes(bytes(out), size) == 1;
}

bool iterationsPlausible(qint64 iterations)
{
    return iterations >= PassphraseKeyWrap::MinimumUnwrapIterations &&
           iterations <= PassphraseKeyWrap::MaximumIterations;
}

Error implausibleIterations(qint64 iterations)
{
    return Error(
        ErrorCode::Corrupt,
        PassphraseKeyWrap::tr("The protected key file asks for %1 key-derivation rounds, which is outside "
                              "the range Outpost accepts (%2 to %3); the file is damaged or has been "
                              "tampered with. Restore it from a backup.")
            .arg(iterations)
            .arg(PassphraseKeyWrap::MinimumUnwrapIterations)
            .arg(PassphraseKeyWrap::MaximumIterations));
}

Error damaged(const QString& what)
{
    return Error(
        ErrorCode::Corrupt,
        WrappedKey::tr("The protected key file is damaged: %1. Restore it from a backup; without it the "
                       "database cannot be unlocked with a passphrase.")
            .arg(what));
}

// Strict base64 of an exact length.
std::optional<QByteArray> decodeField(const QJsonObject& o, const char* name, qsizetype expectedSize,
                                      QString* problem)
{
    const QJsonValue v = o.value(QLatin1String(name));
    if (!v.isString()) {
        *problem = WrappedKey::tr("the field \u201c%1\u201d is missing or not text").arg(QLatin1String(name));
        return std::nullopt;
    }
    auto decoded =
        QByteArray::fromBase64Encoding(v.toString().toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded) {
        *problem = WrappedKey::tr("the field \u201c%1\u201d is not valid base64").arg(QLatin1String(name));
        return std::nullopt;
    }
    if (decoded.decoded.size() != expectedSize) {
        *problem = WrappedKey::tr("the field \u201c%1\u201d holds %2 bytes instead of %3")
                       .arg(QLatin1String(name))
                       .arg(decoded.decoded.size())
                       .arg(expectedSize);
        return std::nullopt;
    }
    return std::move(decoded.decoded);
}

} // namespace

// ---- WrappedKey -------------------------------------------------------------------------------------------

QByteArray WrappedKey::toJson() const
{
    QJsonObject o;
    o.insert(QLatin1String("format"), QLatin1String(FormatName));
    o.insert(QLatin1String("version"), FormatVersion);
    o.insert(QLatin1String("kdf"), QLatin1String(KdfName));
    o.insert(QLatin1String("iterations"), iterations);
    o.insert(QLatin1String("cipher"), QLatin1String(CipherName));
    o.insert(QLatin1String("salt"), QString::fromLatin1(salt.toBase64()));
    o.insert(QLatin1String("nonce"), QString::fromLatin1(nonce.toBase64()));
    o.insert(QLatin1String("ciphertext"), QString::fromLatin1(ciphertext.toBase64()));
    o.insert(QLatin1String("tag"), QString::fromLatin1(tag.toBase64()));
    return QJsonDocument(o).toJson(QJsonDocument::Indented);
}

Result<WrappedKey> WrappedKey::fromJson(const QByteArray& json)
{
    if (json.trimmed().isEmpty())
        return damaged(tr("the file is empty"));

    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return damaged(tr("it is not valid JSON (%1 at offset %2)")
                           .arg(parseError.errorString())
                           .arg(parseError.offset));
    if (!doc.isObject())
        return damaged(tr("it is not a JSON object"));
    const QJsonObject o = doc.object();

    if (o.value(QLatin1String("format")).toString() != QLatin1String(FormatName))
        return damaged(tr("it is not an Outpost protected key file"));

    const std::optional<qint64> version = jsonWholeNumber(o.value(QLatin1String("version")));
    if (!version || *version < 1)
        return damaged(tr("the format version is missing or invalid"));
    if (*version > FormatVersion)
        return Error(
            ErrorCode::SchemaTooNew,
            tr("The protected key file was written by a newer version of Outpost (format %1; this version "
               "reads format %2). Update Outpost to unlock this profile.")
                .arg(*version)
                .arg(FormatVersion));

    if (o.value(QLatin1String("kdf")).toString() != QLatin1String(KdfName))
        return damaged(tr("the key-derivation function \u201c%1\u201d is not supported")
                           .arg(o.value(QLatin1String("kdf")).toString()));
    if (o.value(QLatin1String("cipher")).toString() != QLatin1String(CipherName))
        return damaged(tr("the cipher \u201c%1\u201d is not supported")
                           .arg(o.value(QLatin1String("cipher")).toString()));

    const std::optional<qint64> iterations = jsonWholeNumber(o.value(QLatin1String("iterations")));
    if (!iterations)
        return damaged(tr("the iteration count is missing or not a whole number"));
    if (!iterationsPlausible(*iterations))
        return implausibleIterations(*iterations);

    WrappedKey key;
    key.iterations = int(*iterations);
    QString problem;
    auto salt = decodeField(o, "salt", PassphraseKeyWrap::SaltSize, &problem);
    if (!salt)
        return damaged(problem);
    auto nonce = decodeField(o, "nonce", PassphraseKeyWrap::NonceSize, &problem);
    if (!nonce)
        return damaged(problem);
    auto ciphertext = decodeField(o, "ciphertext", PassphraseKeyWrap::KeySize, &problem);
    if (!ciphertext)
        return damaged(problem);
    auto tag = decodeField(o, "tag", PassphraseKeyWrap::TagSize, &problem);
    if (!tag)
        return damaged(problem);
    key.salt = std::move(*salt);
    key.nonce = std::move(*nonce);
    key.ciphertext = std::move(*ciphertext);
    key.tag = std::move(*tag);
    return key;
}

// ---- PassphraseKeyWrap ------------------------------------------------------------------------------------

Result<WrappedKey> PassphraseKeyWrap::wrap(const SecretBytes& dbKey, const QString& passphrase,
                                           const QByteArray& associatedData, int iterations)
{
    if (dbKey.size() != KeySize)
        return Error(
            ErrorCode::InvalidArgument,
            tr("The database key has %1 bytes instead of %2; it cannot be protected with a passphrase.")
                .arg(dbKey.size())
                .arg(KeySize));
    if (passphrase.isEmpty())
        return Error(ErrorCode::InvalidArgument,
                     tr("The passphrase is empty. Enter a passphrase to protect the database."));
    if (iterations < MinimumWrapIterations || iterations > MaximumIterations)
        return Error(ErrorCode::InvalidArgument, tr("%1 key-derivation rounds is outside the allowed range "
                                                    "(%2 to %3). Choose a count in that range.")
                                                     .arg(iterations)
                                                     .arg(MinimumWrapIterations)
                                                     .arg(MaximumIterations));

    WrappedKey out;
    out.iterations = iterations;
    if (!randomBytes(out.salt, SaltSize) || !randomBytes(out.nonce, NonceSize))
        return cryptoError("RAND_bytes");

    Kek kek;
    if (!deriveKek(passphrase, out.salt, iterations, kek))
        return cryptoError("PBKDF2");

    CipherCtx ctx(EVP_CIPHER_CTX_new());
    int len = 0;
    out.ciphertext = QByteArray(KeySize, Qt::Uninitialized);
    out.tag = QByteArray(TagSize, Qt::Uninitialized);
    if (!ctx || EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) != 1 ||
        EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, NonceSize, nullptr) != 1 ||
        EVP_EncryptInit_ex(ctx.get(), nullptr, nullptr, kek.bytes.data(), bytes(out.nonce)) != 1 ||
        EVP_EncryptUpdate(ctx.get(), nullptr, &len, bytes(associatedData),
                          static_cast<int>(associatedData.size())) != 1 ||
        EVP_EncryptUpdate(ctx.get(), bytes(out.ciphertext), &len, bytes(dbKey.bytes()), KeySize) != 1 ||
        len != KeySize || EVP_EncryptFinal_ex(ctx.get(), bytes(out.ciphertext) + len, &len) != 1 ||
        len != 0 || EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, TagSize, out.tag.data()) != 1)
        return cryptoError("AES-256-GCM encrypt");
    return out;
}

Result<SecretBytes> PassphraseKeyWrap::unwrap(const WrappedKey& wrapped, const QString& passphrase,
                                              const QByteArray& associatedData)
{
    if (!iterationsPlausible(wrapped.iterations))
        return implausibleIterations(wrapped.iterations);
    if (wrapped.salt.size() != SaltSize || wrapped.nonce.size() != NonceSize ||
        wrapped.ciphertext.size() != KeySize || wrapped.tag.size() != TagSize)
        return damaged(tr("a field has the wrong length"));

    Kek kek;
    if (!deriveKek(passphrase, wrapped.salt, wrapped.iterations, kek))
        return cryptoError("PBKDF2");

    CipherCtx ctx(EVP_CIPHER_CTX_new());
    QByteArray plain(KeySize, Qt::Uninitialized);
    int len = 0;
    QByteArray tag = wrapped.tag; // EVP wants a writable pointer
    tag.detach();
    if (!ctx || EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) != 1 ||
        EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, NonceSize, nullptr) != 1 ||
        EVP_DecryptInit_ex(ctx.get(), nullptr, nullptr, kek.bytes.data(), bytes(wrapped.nonce)) != 1 ||
        EVP_DecryptUpdate(ctx.get(), nullptr, &len, bytes(associatedData),
                          static_cast<int>(associatedData.size())) != 1 ||
        EVP_DecryptUpdate(ctx.get(), bytes(plain), &len, bytes(wrapped.ciphertext), KeySize) != 1 ||
        len != KeySize || EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, TagSize, tag.data()) != 1) {
        cleanse(plain);
        return cryptoError("AES-256-GCM decrypt");
    }
    int finalLen = 0;
    if (EVP_DecryptFinal_ex(ctx.get(), bytes(plain) + len, &finalLen) != 1) {
        cleanse(plain);
        return Error(
            ErrorCode::WrongKey,
            tr("The passphrase is wrong. Check it (and the keyboard layout and Caps Lock) and try again. If "
               "it is right, the protected key file belongs to another profile or has been altered."));
    }
    SecretBytes key(plain);
    cleanse(plain);
    return key;
}

Result<WrappedKey> PassphraseKeyWrap::changePassphrase(const WrappedKey& wrapped,
                                                       const QString& oldPassphrase,
                                                       const QString& newPassphrase,
                                                       const QByteArray& associatedData)
{
    Result<SecretBytes> key = unwrap(wrapped, oldPassphrase, associatedData);
    if (!key)
        return key.error();
    return wrap(key.value(), newPassphrase, associatedData, std::max(wrapped.iterations, DefaultIterations));
}

QString PassphraseKeyWrap::passphraseProblem(const QString& passphrase)
{
    const QList<uint> codePoints = passphrase.normalized(QString::NormalizationForm_C).toUcs4();
    constexpr qsizetype MinimumLength = 10;
    constexpr qsizetype SingleClassMinimumLength = 16;
    if (codePoints.size() < MinimumLength)
        return tr("The passphrase is too short. Use at least %1 characters \u2014 a few unrelated words are "
                  "easy to remember and hard to guess.")
            .arg(MinimumLength);

    enum Class
    {
        Lower = 1,
        Upper = 2,
        Digit = 4,
        OtherLetter = 8,
        Symbol = 16
    };
    int classes = 0;
    for (const uint cp : codePoints) {
        const char32_t c = cp;
        if (QChar::isLower(c))
            classes |= Lower;
        else if (QChar::isUpper(c) || QChar::isTitleCase(c))
            classes |= Upper;
        else if (QChar::isDigit(c))
            classes |= Digit;
        else if (QChar::isLetter(c))
            classes |= OtherLetter;
        else
            classes |= Symbol;
    }
    if (std::all_of(codePoints.cbegin(), codePoints.cend(),
                    [&](uint cp) { return cp == codePoints.first(); }))
        return tr("The passphrase repeats a single character. Choose a passphrase that is hard to guess.");
    const bool oneClass = classes != 0 && (classes & (classes - 1)) == 0;
    if (oneClass && codePoints.size() < SingleClassMinimumLength)
        return tr("The passphrase uses only one kind of character. Make it at least %1 characters long, or "
                  "mix in capital letters, digits or symbols.")
            .arg(SingleClassMinimumLength);
    return {};
}

} // namespace outpost

#include "keys/PassphraseKeyWrap.h"

#include <functional>
#include <gtest/gtest.h>
#include <QJsonDocument>
#include <QJsonObject>

using namespace outpost;

namespace {

// Fast enough for tests, and still the floor production code must respect.
constexpr int TestIterations = PassphraseKeyWrap::MinimumWrapIterations;

const QString Passphrase = QStringLiteral("correct horse battery staple");
const QByteArray Profile = QByteArrayLiteral("0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b");

WrappedKey wrapOrFail(const SecretBytes& key, const QString& passphrase = Passphrase,
                      int iterations = TestIterations)
{
    Result<WrappedKey> wrapped = PassphraseKeyWrap::wrap(key, passphrase, Profile, iterations);
    EXPECT_TRUE(wrapped.ok()) << wrapped.message().toStdString();
    return wrapped.ok() ? wrapped.value() : WrappedKey{};
}

void flipBit(QByteArray& b, qsizetype index = 0)
{
    b[index] = static_cast<char>(b.at(index) ^ 0x01);
}

QByteArray editJson(const QByteArray& json, const std::function<void(QJsonObject&)>& edit)
{
    QJsonObject o = QJsonDocument::fromJson(json).object();
    edit(o);
    return QJsonDocument(o).toJson();
}

} // namespace

TEST(PassphraseKeyWrap, WrapThenUnwrapReturnsTheSameKey)
{
    const SecretBytes key = SecretBytes::random(PassphraseKeyWrap::KeySize);
    Result<WrappedKey> wrapped = PassphraseKeyWrap::wrap(key, Passphrase, Profile);
    ASSERT_TRUE(wrapped.ok()) << wrapped.message().toStdString();
    EXPECT_EQ(wrapped->iterations, PassphraseKeyWrap::DefaultIterations);
    EXPECT_EQ(wrapped->salt.size(), 16);
    EXPECT_EQ(wrapped->nonce.size(), 12);
    EXPECT_EQ(wrapped->ciphertext.size(), 32);
    EXPECT_EQ(wrapped->tag.size(), 16);
    EXPECT_NE(wrapped->ciphertext, key.bytes()) << "the key must not be stored in the clear";

    Result<SecretBytes> unwrapped = PassphraseKeyWrap::unwrap(wrapped.value(), Passphrase, Profile);
    ASSERT_TRUE(unwrapped.ok()) << unwrapped.message().toStdString();
    EXPECT_TRUE(unwrapped.value() == key);
}

TEST(PassphraseKeyWrap, EachWrapUsesFreshSaltAndNonce)
{
    const SecretBytes key = SecretBytes::random(PassphraseKeyWrap::KeySize);
    const WrappedKey a = wrapOrFail(key);
    const WrappedKey b = wrapOrFail(key);
    EXPECT_NE(a.salt, b.salt);
    EXPECT_NE(a.nonce, b.nonce);
    EXPECT_NE(a.ciphertext, b.ciphertext);
}

TEST(PassphraseKeyWrap, WrongPassphraseIsWrongKey)
{
    const WrappedKey wrapped = wrapOrFail(SecretBytes::random(PassphraseKeyWrap::KeySize));
    Result<SecretBytes> r =
        PassphraseKeyWrap::unwrap(wrapped, QStringLiteral("correct horse battery stapler"), Profile);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.code(), ErrorCode::WrongKey);
    EXPECT_TRUE(r.message().contains(QStringLiteral("passphrase is wrong"))) << r.message().toStdString();

    Result<SecretBytes> empty = PassphraseKeyWrap::unwrap(wrapped, QString(), Profile);
    ASSERT_FALSE(empty.ok());
    EXPECT_EQ(empty.code(), ErrorCode::WrongKey);
}

TEST(PassphraseKeyWrap, TamperedFieldsAndOtherProfileAreRefused)
{
    const WrappedKey good = wrapOrFail(SecretBytes::random(PassphraseKeyWrap::KeySize));

    const std::vector<std::pair<const char*, std::function<void(WrappedKey&)>>> tampers = {
        {"ciphertext", [](WrappedKey& w) { flipBit(w.ciphertext, 31); }},
        {"tag", [](WrappedKey& w) { flipBit(w.tag, 0); }},
        {"salt", [](WrappedKey& w) { flipBit(w.salt, 7); }},
        {"nonce", [](WrappedKey& w) { flipBit(w.nonce, 11); }},
        {"iterations", [](WrappedKey& w) { w.iterations += 1; }},
    };
    for (const auto& [what, tamper] : tampers) {
        WrappedKey w = good;
        tamper(w);
        Result<SecretBytes> r = PassphraseKeyWrap::unwrap(w, Passphrase, Profile);
        ASSERT_FALSE(r.ok()) << "tampered " << what << " was accepted";
        EXPECT_EQ(r.code(), ErrorCode::WrongKey) << "tampered " << what;
    }

    Result<SecretBytes> otherProfile =
        PassphraseKeyWrap::unwrap(good, Passphrase, QByteArrayLiteral("another-profile"));
    ASSERT_FALSE(otherProfile.ok());
    EXPECT_EQ(otherProfile.code(), ErrorCode::WrongKey);

    Result<SecretBytes> stillGood = PassphraseKeyWrap::unwrap(good, Passphrase, Profile);
    EXPECT_TRUE(stillGood.ok()) << stillGood.message().toStdString();
}

TEST(PassphraseKeyWrap, JsonRoundTrip)
{
    const SecretBytes key = SecretBytes::random(PassphraseKeyWrap::KeySize);
    const WrappedKey wrapped = wrapOrFail(key);
    const QByteArray json = wrapped.toJson();

    const QJsonObject o = QJsonDocument::fromJson(json).object();
    EXPECT_EQ(o.value(QStringLiteral("version")).toInt(), WrappedKey::FormatVersion);
    EXPECT_EQ(o.value(QStringLiteral("kdf")).toString(), QStringLiteral("PBKDF2-HMAC-SHA512"));
    EXPECT_EQ(o.value(QStringLiteral("iterations")).toInt(), TestIterations);
    EXPECT_FALSE(json.contains(key.bytes().toBase64())) << "the key must not appear in the file";

    Result<WrappedKey> parsed = WrappedKey::fromJson(json);
    ASSERT_TRUE(parsed.ok()) << parsed.message().toStdString();
    EXPECT_EQ(parsed->iterations, wrapped.iterations);
    EXPECT_EQ(parsed->salt, wrapped.salt);
    EXPECT_EQ(parsed->nonce, wrapped.nonce);
    EXPECT_EQ(parsed->ciphertext, wrapped.ciphertext);
    EXPECT_EQ(parsed->tag, wrapped.tag);
    EXPECT_EQ(parsed->toJson(), json);

    Result<SecretBytes> unwrapped = PassphraseKeyWrap::unwrap(parsed.value(), Passphrase, Profile);
    ASSERT_TRUE(unwrapped.ok()) << unwrapped.message().toStdString();
    EXPECT_TRUE(unwrapped.value() == key);
}

TEST(PassphraseKeyWrap, DamagedJsonIsCorruptWithAClearMessage)
{
    WrappedKey sample;
    sample.iterations = TestIterations;
    sample.salt = QByteArray(16, 'S');
    sample.nonce = QByteArray(12, 'N');
    sample.ciphertext = QByteArray(32, 'C');
    sample.tag = QByteArray(16, 'T');
    const QByteArray good = sample.toJson();
    ASSERT_TRUE(WrappedKey::fromJson(good).ok());

    const auto set = [&good](const char* field, const QJsonValue& v) {
        return editJson(good, [field, v](QJsonObject& o) { o.insert(QLatin1String(field), v); });
    };
    const auto drop = [&good](const char* field) {
        return editJson(good, [field](QJsonObject& o) { o.remove(QLatin1String(field)); });
    };

    const std::vector<std::pair<const char*, QByteArray>> damaged = {
        {"empty file", QByteArray()},
        {"whitespace", QByteArrayLiteral("  \n")},
        {"not JSON", QByteArrayLiteral("this is not json")},
        {"truncated", good.left(good.size() / 2)},
        {"array", QByteArrayLiteral("[1, 2, 3]")},
        {"no format", drop("format")},
        {"foreign format", set("format", QStringLiteral("something-else"))},
        {"no version", drop("version")},
        {"version as text", set("version", QStringLiteral("1"))},
        {"fractional version", set("version", 1.5)},
        {"other kdf", set("kdf", QStringLiteral("PBKDF2-HMAC-SHA1"))},
        {"other cipher", set("cipher", QStringLiteral("AES-128-CBC"))},
        {"no iterations", drop("iterations")},
        {"iterations as text", set("iterations", QStringLiteral("310000"))},
        {"fractional iterations", set("iterations", 300000.5)},
        {"iterations below floor", set("iterations", 99999)},
        {"iterations above ceiling", set("iterations", 50000001)},
        {"huge iterations", set("iterations", 1e300)},
        {"negative iterations", set("iterations", -310000)},
        {"no salt", drop("salt")},
        {"salt not base64", set("salt", QStringLiteral("@@not base64@@"))},
        {"short salt", set("salt", QString::fromLatin1(QByteArray(8, 'S').toBase64()))},
        {"salt as number", set("salt", 12)},
        {"long nonce", set("nonce", QString::fromLatin1(QByteArray(16, 'N').toBase64()))},
        {"short ciphertext", set("ciphertext", QString::fromLatin1(QByteArray(31, 'C').toBase64()))},
        {"no tag", drop("tag")},
        {"empty tag", set("tag", QString())},
    };
    for (const auto& [what, json] : damaged) {
        Result<WrappedKey> r = WrappedKey::fromJson(json);
        ASSERT_FALSE(r.ok()) << what << " was accepted";
        EXPECT_EQ(r.code(), ErrorCode::Corrupt) << what << ": " << r.message().toStdString();
        EXPECT_TRUE(r.message().contains(QStringLiteral("damaged")) ||
                    r.message().contains(QStringLiteral("tampered")))
            << what << ": " << r.message().toStdString();
    }

    Result<WrappedKey> newer = WrappedKey::fromJson(set("version", WrappedKey::FormatVersion + 1));
    ASSERT_FALSE(newer.ok());
    EXPECT_EQ(newer.code(), ErrorCode::SchemaTooNew);
    EXPECT_TRUE(newer.message().contains(QStringLiteral("newer version"))) << newer.message().toStdString();
}

TEST(PassphraseKeyWrap, IterationCountsAreBounded)
{
    const SecretBytes key = SecretBytes::random(PassphraseKeyWrap::KeySize);

    Result<WrappedKey> tooFew =
        PassphraseKeyWrap::wrap(key, Passphrase, Profile, PassphraseKeyWrap::MinimumWrapIterations - 1);
    ASSERT_FALSE(tooFew.ok());
    EXPECT_EQ(tooFew.code(), ErrorCode::InvalidArgument);
    Result<WrappedKey> tooMany =
        PassphraseKeyWrap::wrap(key, Passphrase, Profile, PassphraseKeyWrap::MaximumIterations + 1);
    ASSERT_FALSE(tooMany.ok());
    EXPECT_EQ(tooMany.code(), ErrorCode::InvalidArgument);

    WrappedKey wrapped = wrapOrFail(key, Passphrase, PassphraseKeyWrap::MinimumWrapIterations);
    EXPECT_EQ(wrapped.iterations, 256000);

    // A file edited to a tiny count (a downgrade) or a huge one (a hang) is refused before any derivation.
    for (const int iterations : {0, 1, 99'999, 50'000'001, -5}) {
        WrappedKey tampered = wrapped;
        tampered.iterations = iterations;
        Result<SecretBytes> r = PassphraseKeyWrap::unwrap(tampered, Passphrase, Profile);
        ASSERT_FALSE(r.ok()) << iterations;
        EXPECT_EQ(r.code(), ErrorCode::Corrupt) << iterations;
        EXPECT_TRUE(r.message().contains(QString::number(iterations))) << r.message().toStdString();
    }
}

TEST(PassphraseKeyWrap, RejectsBadInput)
{
    Result<WrappedKey> shortKey =
        PassphraseKeyWrap::wrap(SecretBytes::random(16), Passphrase, Profile, TestIterations);
    ASSERT_FALSE(shortKey.ok());
    EXPECT_EQ(shortKey.code(), ErrorCode::InvalidArgument);

    Result<WrappedKey> noPassphrase =
        PassphraseKeyWrap::wrap(SecretBytes::random(32), QString(), Profile, TestIterations);
    ASSERT_FALSE(noPassphrase.ok());
    EXPECT_EQ(noPassphrase.code(), ErrorCode::InvalidArgument);
    EXPECT_FALSE(noPassphrase.message().isEmpty());
}

TEST(PassphraseKeyWrap, NfcEquivalentPassphrasesUnwrap)
{
    // "Crème brûlée façade": precomposed (NFC) and decomposed (NFD) spellings of the same text.
    const QString composed = QStringLiteral("Cr\u00e8me br\u00fbl\u00e9e fa\u00e7ade");
    const QString decomposed = QStringLiteral("Cre\u0300me bru\u0302le\u0301e fac\u0327ade");
    ASSERT_NE(composed, decomposed);
    ASSERT_EQ(composed, decomposed.normalized(QString::NormalizationForm_C));

    const SecretBytes key = SecretBytes::random(PassphraseKeyWrap::KeySize);
    const WrappedKey wrappedNfd = wrapOrFail(key, decomposed);
    Result<SecretBytes> viaNfc = PassphraseKeyWrap::unwrap(wrappedNfd, composed, Profile);
    ASSERT_TRUE(viaNfc.ok()) << viaNfc.message().toStdString();
    EXPECT_TRUE(viaNfc.value() == key);

    const WrappedKey wrappedNfc = wrapOrFail(key, composed);
    Result<SecretBytes> viaNfd = PassphraseKeyWrap::unwrap(wrappedNfc, decomposed, Profile);
    ASSERT_TRUE(viaNfd.ok()) << viaNfd.message().toStdString();
    EXPECT_TRUE(viaNfd.value() == key);
}

TEST(PassphraseKeyWrap, ChangePassphraseKeepsTheKeyAndRetiresTheOldPassphrase)
{
    const SecretBytes key = SecretBytes::random(PassphraseKeyWrap::KeySize);
    const WrappedKey before = wrapOrFail(key);
    const QString newPassphrase = QStringLiteral("Tr0ub4dor & 3, but longer");

    Result<WrappedKey> wrongOld =
        PassphraseKeyWrap::changePassphrase(before, QStringLiteral("guess"), newPassphrase, Profile);
    ASSERT_FALSE(wrongOld.ok());
    EXPECT_EQ(wrongOld.code(), ErrorCode::WrongKey);

    Result<WrappedKey> after =
        PassphraseKeyWrap::changePassphrase(before, Passphrase, newPassphrase, Profile);
    ASSERT_TRUE(after.ok()) << after.message().toStdString();
    EXPECT_NE(after->salt, before.salt);
    EXPECT_NE(after->nonce, before.nonce);
    EXPECT_GE(after->iterations, PassphraseKeyWrap::DefaultIterations)
        << "changing the passphrase never weakens the KDF";

    Result<SecretBytes> withNew = PassphraseKeyWrap::unwrap(after.value(), newPassphrase, Profile);
    ASSERT_TRUE(withNew.ok()) << withNew.message().toStdString();
    EXPECT_TRUE(withNew.value() == key);

    Result<SecretBytes> withOld = PassphraseKeyWrap::unwrap(after.value(), Passphrase, Profile);
    ASSERT_FALSE(withOld.ok());
    EXPECT_EQ(withOld.code(), ErrorCode::WrongKey);
}

TEST(PassphraseKeyWrap, PassphraseProblemFlagsWeakPassphrases)
{
    const auto problem = [](const QString& p) { return PassphraseKeyWrap::passphraseProblem(p); };

    EXPECT_FALSE(problem(QString()).isEmpty());
    EXPECT_FALSE(problem(QStringLiteral("Sh0rt!")).isEmpty());
    EXPECT_FALSE(problem(QStringLiteral("Abcdefg1!")).isEmpty()) << "9 characters";
    EXPECT_FALSE(problem(QStringLiteral("abcdefghij")).isEmpty()) << "one class, shorter than 16";
    EXPECT_FALSE(problem(QStringLiteral("123456789012345")).isEmpty()) << "digits only, 15";
    EXPECT_FALSE(problem(QStringLiteral("aaaaaaaaaaaaaaaaaaaa")).isEmpty()) << "one repeated character";
    // Length counts characters, not UTF-16 code units: five emoji are five characters.
    EXPECT_FALSE(problem(QStringLiteral("\U0001F600\U0001F601\U0001F602\U0001F603\U0001F604")).isEmpty());

    EXPECT_TRUE(problem(QStringLiteral("Abcdefgh1!")).isEmpty()) << "10 characters, mixed";
    EXPECT_TRUE(problem(QStringLiteral("abcdefghijklmnop")).isEmpty()) << "one class but 16 characters";
    EXPECT_TRUE(problem(QStringLiteral("correct horse battery staple")).isEmpty());
    EXPECT_TRUE(
        problem(QStringLiteral(
                    "\u043f\u0430\u0440\u043e\u043b\u044c \u0434\u043b\u044f \u0431\u0430\u0437\u044b"))
            .isEmpty())
        << "Cyrillic words with spaces";
}

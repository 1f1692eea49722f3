#pragma once

#include <QByteArray>

namespace outpost {

// A byte buffer for key material: wiped when it goes away, never implicitly shared with a copy
// that would outlive the wipe.
class SecretBytes
{
public:
    SecretBytes() = default;
    explicit SecretBytes(const QByteArray& bytes) : m_bytes(bytes.constData(), bytes.size()) {}
    SecretBytes(const char* data, qsizetype size) : m_bytes(data, size) {}
    SecretBytes(const SecretBytes& other) : m_bytes(other.m_bytes.constData(), other.m_bytes.size()) {}
    SecretBytes(SecretBytes&& other) noexcept : m_bytes(std::move(other.m_bytes)) {}
    SecretBytes& operator=(const SecretBytes& other)
    {
        if (this != &other) {
            wipe();
            m_bytes = QByteArray(other.m_bytes.constData(), other.m_bytes.size());
        }
        return *this;
    }
    SecretBytes& operator=(SecretBytes&& other) noexcept
    {
        if (this != &other) {
            wipe();
            m_bytes = std::move(other.m_bytes);
        }
        return *this;
    }
    ~SecretBytes() { wipe(); }

    static SecretBytes random(qsizetype size);

    const QByteArray& bytes() const { return m_bytes; }
    const char* constData() const { return m_bytes.constData(); }
    qsizetype size() const { return m_bytes.size(); }
    bool isEmpty() const { return m_bytes.isEmpty(); }
    bool operator==(const SecretBytes& other) const;

    // "x'<hex>'" — SQLCipher's raw-key form, for sqlite3_key()/sqlite3_rekey(); the caller wipes it.
    SecretBytes toSqlCipherRawKey() const;

    void wipe();

private:
    QByteArray m_bytes;
};

} // namespace outpost

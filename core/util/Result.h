#pragma once

#include <QString>

#include <optional>
#include <utility>
#include <variant>

namespace outpost {

// What went wrong, in a form a caller can branch on and a user can read.
enum class ErrorCode {
    Unknown,
    InvalidArgument,    // input failed validation
    NotFound,           // the thing asked for does not exist
    AlreadyExists,
    WrongKey,           // the database key or passphrase is wrong (or the file is not an Outpost database)
    Corrupt,            // the file is damaged
    SchemaTooNew,       // written by a newer Outpost
    KeychainUnavailable,
    KeychainDenied,
    Io,
    Database,
    Crypto,
    Cancelled,
    Conflict,
    Rejected,           // a business rule refused the change
    Unauthorized,       // not signed in, or the credentials or token are wrong or expired
    Forbidden,          // signed in, but not allowed to do this
    RateLimited,        // too many attempts; try again later
};

struct Error
{
    ErrorCode code = ErrorCode::Unknown;
    QString message;   // user-readable: what happened and what to do next

    Error() = default;
    Error(ErrorCode c, QString m) : code(c), message(std::move(m)) {}
};

// std::expected-style result: holds a value or an Error. Never throws.
template <typename T>
class [[nodiscard]] Result
{
public:
    Result(T value) : m_value(std::move(value)) {}
    Result(Error error) : m_error(std::move(error)) {}

    bool ok() const { return m_value.has_value(); }
    explicit operator bool() const { return ok(); }

    T& value() & { return *m_value; }
    const T& value() const& { return *m_value; }
    T&& value() && { return std::move(*m_value); }
    T* operator->() { return &*m_value; }
    const T* operator->() const { return &*m_value; }
    T& operator*() & { return *m_value; }

    const Error& error() const { return m_error; }
    const QString& message() const { return m_error.message; }
    ErrorCode code() const { return m_error.code; }

private:
    std::optional<T> m_value;
    Error m_error;
};

template <>
class [[nodiscard]] Result<void>
{
public:
    Result() = default;
    Result(Error error) : m_failed(true), m_error(std::move(error)) {}

    bool ok() const { return !m_failed; }
    explicit operator bool() const { return ok(); }
    const Error& error() const { return m_error; }
    const QString& message() const { return m_error.message; }
    ErrorCode code() const { return m_error.code; }

private:
    bool m_failed = false;
    Error m_error;
};

using Status = Result<void>;

} // namespace outpost

#pragma once

#include <QByteArrayView>
#include <QString>
#include <QStringView>

namespace outpost::auth {

// Bearer tokens for outpost-server (access tokens, device-bound refresh tokens, one-time links).
// The server hands a client randomToken() once and stores only tokenDigest(token); a request's token is
// digested and looked up, so a leaked database does not leak usable tokens.

constexpr int DefaultTokenBytes = 32; // 256 bits
constexpr int MinTokenBytes = 16;     // 128 bits: below this a token could be guessed
constexpr int MaxTokenBytes = 1024;

// `bytes` random bytes from OpenSSL's CSPRNG (clamped to [MinTokenBytes, MaxTokenBytes]; checked in debug
// builds) as base64url without padding: only A–Z a–z 0–9 '-' '_', safe in headers, URLs and JSON.
// Like SecretBytes::random(), stops the process if the system has no secure randomness.
QString randomToken(int bytes = DefaultTokenBytes);

// Lower-case hex SHA-256 of the token's UTF-8 bytes (64 characters): what the server stores and looks up.
// Text, not bytes, so Qt Sql binds it as TEXT and a lookup compares like with like.
QString tokenDigest(QStringView token);

// Constant-time equality for secrets of public length (digests, MACs, tokens): the time depends on the
// length only, never on where the first difference is. Different lengths compare unequal at once.
bool constantTimeEquals(QByteArrayView a, QByteArrayView b);
bool constantTimeEquals(QStringView a, QStringView b);

} // namespace outpost::auth

#pragma once

#include <QDialog>
#include <QList>
#include <QSslCertificate>
#include <QUrl>

class QLabel;
class QLineEdit;
class QPushButton;
class QStackedWidget;

namespace outpost {

class MessageLabel;
class QrCodeWidget;
class SyncServerApi;

// Sets up two-factor authentication for the signed-in user: asks the server for a new secret
// (/v1/auth/totp/enrol), shows it as a QR code for an authenticator app and as text to type in, and
// confirms it with a code from the app (/v1/auth/totp/confirm). Until confirmed the account keeps signing
// in as before.
class TotpEnrolmentDialog : public QDialog
{
    Q_OBJECT
public:
    TotpEnrolmentDialog(const QUrl& server, const QList<QSslCertificate>& pinned, const QString& accessToken,
                        QWidget* parent = nullptr);

    QString secret() const { return m_secret; }
    QString uri() const { return m_uri; }
    QrCodeWidget* qrCode() const { return m_qr; }

    // Starts the enrolment (called once the dialog is shown; public for tests).
    void begin();

private:
    void confirm();

    SyncServerApi* m_api;
    QString m_secret;
    QString m_uri;
    QStackedWidget* m_stack;
    QLabel* m_loading;
    QrCodeWidget* m_qr;
    QLabel* m_secretLabel;
    QLineEdit* m_code;
    MessageLabel* m_message;
    QPushButton* m_confirm;
    QPushButton* m_close;
};

} // namespace outpost

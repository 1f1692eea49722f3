#include "shell/AboutDialog.h"

#include "keys/KeyStore.h"
#include "storage/Database.h"
#include "theme/ThemedIcon.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QDir>
#include <QFormLayout>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSysInfo>
#include <QVBoxLayout>

namespace outpost {

namespace {
QLabel* valueLabel(const QString& text, QWidget* parent)
{
    auto* l = new QLabel(text, parent);
    l->setTextFormat(Qt::PlainText);
    l->setTextInteractionFlags(Qt::TextSelectableByMouse);
    l->setWordWrap(true);
    return l;
}
} // namespace

AboutDialog::AboutDialog(const ProfileInfo& profile, Database* database, KeyStore* keychain, QWidget* parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("aboutDialog"));
    setWindowTitle(tr("About Outpost"));

    auto* logo = new QLabel(this);
    logo->setPixmap(themedIcon(QStringLiteral("outpost"), false).pixmap(QSize(64, 64), devicePixelRatioF()));
    logo->setAlignment(Qt::AlignTop);

    auto* title = new QLabel(tr("Outpost %1").arg(QApplication::applicationVersion()), this);
    QFont f = title->font();
    f.setPointSizeF(f.pointSizeF() * 1.5);
    f.setBold(true);
    title->setFont(f);
    auto* tagline = new QLabel(tr("Back-office for direct-selling organisations: contacts, support, genealogy, "
                                  "commissions and reports — offline, on an encrypted database."),
                               this);
    tagline->setWordWrap(true);

    const QString appVersion = QApplication::applicationVersion();
    const QString qtVersion = tr("%1 (built with %2)").arg(QString::fromLatin1(qVersion()),
                                                           QStringLiteral(QT_VERSION_STR));
    const QString cipher = database && !database->cipherVersion().isEmpty() ? database->cipherVersion()
                                                                            : tr("not loaded (profile locked)");
    const QString sqlite = Database::sqliteVersion();
    QString protection;
    if (!database) {
        protection = tr("Locked");
    } else if (!database->isEncrypted()) {
        protection = tr("Not encrypted");
    } else if (profile.protection == KeyProtection::Keychain) {
        protection = tr("Encrypted with SQLCipher (256-bit random key, kept in the keychain: %1)")
                         .arg(keychain ? keychain->backendName() : tr("unavailable"));
    } else {
        protection = tr("Encrypted with SQLCipher (256-bit random key, wrapped with your passphrase using "
                        "PBKDF2-HMAC-SHA512 and AES-256-GCM)");
    }
    const QString system = QSysInfo::prettyProductName();

    auto* form = new QFormLayout;
    form->setLabelAlignment(Qt::AlignLeft | Qt::AlignTop);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setRowWrapPolicy(QFormLayout::DontWrapRows);
    form->addRow(tr("Version:"), valueLabel(appVersion, this));
    form->addRow(tr("Qt:"), valueLabel(qtVersion, this));
    form->addRow(tr("SQLCipher:"), valueLabel(cipher, this));
    form->addRow(tr("SQLite:"), valueLabel(sqlite, this));
    form->addRow(tr("System:"), valueLabel(system, this));
    form->addRow(tr("Profile:"), valueLabel(tr("%1 — %2").arg(profile.name, QDir::toNativeSeparators(profile.dir)), this));
    auto* protectionLabel = valueLabel(protection, this);
    protectionLabel->setObjectName(QStringLiteral("aboutProtection"));
    form->addRow(tr("Encryption:"), protectionLabel);
    if (database)
        form->addRow(tr("Schema:"), valueLabel(QLocale().toString(database->schemaVersion()), this));

    m_details = QStringLiteral("Outpost %1\nQt %2\nSQLCipher %3\nSQLite %4\nSystem %5\nEncryption: %6")
                    .arg(appVersion, qtVersion, cipher, sqlite, system, protection);

    auto* text = new QVBoxLayout;
    text->setSpacing(4);
    text->addWidget(title);
    text->addWidget(tagline);
    text->addSpacing(12);
    text->addLayout(form);
    text->addStretch(1); // extra height goes below the facts, not between them

    auto* top = new QHBoxLayout;
    top->setSpacing(18);
    top->addWidget(logo);
    top->addLayout(text, 1);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto* copy = buttons->addButton(tr("&Copy Details"), QDialogButtonBox::ActionRole);
    copy->setObjectName(QStringLiteral("copyDetailsButton"));
    buttons->button(QDialogButtonBox::Close)->setObjectName(QStringLiteral("aboutCloseButton"));
    connect(copy, &QPushButton::clicked, this, [this] { QGuiApplication::clipboard()->setText(m_details); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top, 1);
    layout->addSpacing(8);
    layout->addWidget(buttons);
    setMinimumWidth(560);
    // Word-wrapped labels make the layout's preferred height depend on the width: size for the real one.
    resize(minimumWidth(), layout->heightForWidth(minimumWidth()));
}

} // namespace outpost

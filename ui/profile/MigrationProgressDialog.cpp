#include "profile/MigrationProgressDialog.h"

#include "theme/ThemedIcon.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QVBoxLayout>

namespace outpost {

MigrationProgressDialog::MigrationProgressDialog(QWidget* parent)
    : QDialog(parent, Qt::Dialog | Qt::CustomizeWindowHint | Qt::WindowTitleHint)
    , m_step(new QLabel(this))
    , m_progress(new QProgressBar(this))
{
    setObjectName(QStringLiteral("migrationProgressDialog"));
    setWindowTitle(tr("Updating Your Data"));
    setWindowModality(Qt::WindowModal);
    m_step->setObjectName(QStringLiteral("migrationStep"));
    m_progress->setObjectName(QStringLiteral("migrationProgress"));

    auto* logo = new QLabel(this);
    logo->setPixmap(themedIcon(QStringLiteral("outpost"), false).pixmap(QSize(48, 48)));
    logo->setAlignment(Qt::AlignTop);
    auto* title = new QLabel(tr("Updating your data…"), this);
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.25);
    titleFont.setBold(true);
    title->setFont(titleFont);
    auto* explanation = new QLabel(tr("This version of Outpost keeps your data in a new form. Updating a large "
                                      "profile can take a minute; your window opens when it is done."),
                                   this);
    explanation->setWordWrap(true);
    m_step->setForegroundRole(QPalette::PlaceholderText);
    m_progress->setRange(0, 0);
    m_progress->setTextVisible(false);
    auto* note = new QLabel(tr("Each step is saved as a whole and cannot be stopped half-way. If Outpost is closed "
                               "meanwhile, your data stays as it was and the update starts again next time."),
                            this);
    note->setWordWrap(true);
    note->setForegroundRole(QPalette::PlaceholderText);

    auto* text = new QVBoxLayout;
    text->setSpacing(8);
    text->addWidget(title);
    text->addWidget(explanation);
    text->addWidget(m_progress);
    text->addWidget(m_step);
    text->addSpacing(4);
    text->addWidget(note);
    auto* layout = new QHBoxLayout(this);
    layout->setSpacing(14);
    layout->addWidget(logo);
    layout->addLayout(text, 1);
    setMinimumWidth(460);
    setStep(1, 1);
}

void MigrationProgressDialog::setStep(int step, int steps)
{
    m_step->setText(tr("Step %1 of %2").arg(step).arg(steps));
}

void MigrationProgressDialog::reject()
{
}

} // namespace outpost

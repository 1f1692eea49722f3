#include "importexport/ImportMatchingPage.h"

#include "importexport/ContactFieldLabels.h"
#include "importexport/ImportWizard.h"
#include "widgets/MessageLabel.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QFileInfo>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QRadioButton>
#include <QStyle>
#include <QVBoxLayout>

namespace outpost {

namespace {

QLabel* note(const QString& text, QWidget* parent)
{
    auto* l = new QLabel(text, parent);
    l->setWordWrap(true);
    l->setTextFormat(Qt::PlainText);
    l->setForegroundRole(QPalette::PlaceholderText);
    return l;
}

// A choice with its explanation indented under it.
void addChoice(QVBoxLayout* layout, QRadioButton* radio, const QString& explanation, QWidget* parent)
{
    layout->addWidget(radio);
    auto* row = new QHBoxLayout;
    row->addSpacing(radio->style()->pixelMetric(QStyle::PM_ExclusiveIndicatorWidth) + 8);
    row->addWidget(note(explanation, parent), 1);
    layout->addLayout(row);
    layout->addSpacing(4);
}

} // namespace

ImportMatchingPage::ImportMatchingPage(ImportWizard* wizard)
    : QWizardPage(wizard)
    , m_wizard(wizard)
    , m_update(new QRadioButton(ImportWizard::tr("&Update the existing contact"), this))
    , m_skip(new QRadioButton(ImportWizard::tr("&Skip the row"), this))
    , m_create(new QRadioButton(ImportWizard::tr("&Always create a new contact"), this))
    , m_byEmail(new QCheckBox(ImportWizard::tr("the same &e-mail address (letter case does not matter)"), this))
    , m_byPhone(new QCheckBox(ImportWizard::tr("the same &phone number (\u201c+49 170 1234567\u201d matches "
                                               "\u201c0170 1234567\u201d)"),
                              this))
    , m_keysLabel(new QLabel(ImportWizard::tr("A row describes an existing contact when it has:"), this))
    , m_message(new MessageLabel(this))
    , m_summary(new QLabel(this))
{
    setObjectName(QStringLiteral("importMatchingPage"));
    setTitle(ImportWizard::tr("Contacts Already Here"));
    setSubTitle(ImportWizard::tr("Choose what happens when a row of the file describes a contact that is already in "
                                 "this profile."));
    setCommitPage(true);
    m_update->setObjectName(QStringLiteral("matchUpdateRadio"));
    m_skip->setObjectName(QStringLiteral("matchSkipRadio"));
    m_create->setObjectName(QStringLiteral("matchCreateRadio"));
    m_byEmail->setObjectName(QStringLiteral("matchEmailCheck"));
    m_byPhone->setObjectName(QStringLiteral("matchPhoneCheck"));
    m_message->setObjectName(QStringLiteral("matchingMessage"));
    m_summary->setObjectName(QStringLiteral("importSummary"));

    auto* group = new QButtonGroup(this);
    group->addButton(m_update);
    group->addButton(m_skip);
    group->addButton(m_create);
    m_update->setChecked(true);
    m_byEmail->setChecked(true);

    auto* choices = new QVBoxLayout;
    addChoice(choices, m_update,
              ImportWizard::tr("The file's values replace the contact's. Empty cells never erase anything, and "
                               "fields the file does not have stay as they are."),
              this);
    addChoice(choices, m_skip, ImportWizard::tr("The contact stays exactly as it is; the row is counted as skipped."),
              this);
    addChoice(choices, m_create,
              ImportWizard::tr("No matching: every row becomes a new contact, even when that makes duplicates."), this);

    auto* keys = new QVBoxLayout;
    keys->addWidget(m_keysLabel);
    auto* indent = new QVBoxLayout;
    indent->setContentsMargins(16, 0, 0, 0);
    indent->addWidget(m_byEmail);
    indent->addWidget(m_byPhone);
    keys->addLayout(indent);

    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::PlainText);
    auto* summaryBox = new QGroupBox(ImportWizard::tr("Ready to import"), this);
    auto* summaryLayout = new QVBoxLayout(summaryBox);
    summaryLayout->addWidget(m_summary);
    summaryLayout->addWidget(note(ImportWizard::tr("The import is one step you can undo: at the end, or later from "
                                                   "File \u25B8 Import History."),
                                  summaryBox));

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(choices);
    layout->addSpacing(6);
    layout->addLayout(keys);
    layout->addWidget(m_message);
    layout->addStretch(1);
    layout->addWidget(summaryBox);

    for (QAbstractButton* b : {static_cast<QAbstractButton*>(m_update), static_cast<QAbstractButton*>(m_skip),
                               static_cast<QAbstractButton*>(m_create), static_cast<QAbstractButton*>(m_byEmail),
                               static_cast<QAbstractButton*>(m_byPhone)})
        connect(b, &QAbstractButton::toggled, this, &ImportMatchingPage::chosen);
}

void ImportMatchingPage::initializePage()
{
    const ImportWizard::Matching m = m_wizard->matching(); // a copy: setting the buttons updates the original
    m_create->setChecked(!m.match);
    m_update->setChecked(m.match && m.onMatch == ContactImporter::OnMatch::Update);
    m_skip->setChecked(m.match && m.onMatch == ContactImporter::OnMatch::Skip);
    m_byEmail->setChecked(m.byEmail);
    m_byPhone->setChecked(m.byPhone);

    const auto& p = m_wizard->preview();
    if (p) {
        const QString name = QFileInfo(p->path()).fileName();
        const QString size = QLocale().formattedDataSize(p->fileSize(), 1, QLocale::DataSizeTraditionalFormat);
        if (p->format() == ImportFormat::VCard) {
            m_summary->setText(ImportWizard::tr("%1 (vCard, %2).").arg(name, size));
        } else {
            QStringList fields;
            const ColumnMapping& mapping = m_wizard->mapping();
            for (const QString& f : ContactFieldLabels::importableFields())
                if (!mapping.columnsFor(f).isEmpty())
                    fields << ContactFieldLabels::label(f);
            m_summary->setText(ImportWizard::tr("%1 (CSV, %2, delimiter: %3). Fields: %4.")
                                   .arg(name, size, ImportFilePreview::delimiterLabel(p->delimiter()),
                                        fields.join(QStringLiteral(", "))));
        }
    }
    chosen();
    (m_create->isChecked() ? m_create : m_skip->isChecked() ? m_skip : m_update)->setFocus();
}

void ImportMatchingPage::chosen()
{
    auto& m = m_wizard->matching();
    m.match = !m_create->isChecked();
    m.onMatch = m_skip->isChecked() ? ContactImporter::OnMatch::Skip : ContactImporter::OnMatch::Update;
    m.byEmail = m_byEmail->isChecked();
    m.byPhone = m_byPhone->isChecked();
    m_keysLabel->setEnabled(m.match);
    m_byEmail->setEnabled(m.match);
    m_byPhone->setEnabled(m.match);

    m_message->clearMessage();
    const auto& p = m_wizard->preview();
    if (m.match && !m.byEmail && !m.byPhone) {
        m_message->showError(ImportWizard::tr("Choose how an existing contact is recognised (e-mail address, phone "
                                              "number or both), or choose to always create new contacts."));
    } else if (m.match && p && p->format() == ImportFormat::Csv) {
        const ColumnMapping& mapping = m_wizard->mapping();
        QStringList missing;
        if (m.byEmail && mapping.columnsFor(QStringLiteral("email")).isEmpty())
            missing << ContactFieldLabels::label(QStringLiteral("email"));
        if (m.byPhone && mapping.columnsFor(QStringLiteral("phone")).isEmpty())
            missing << ContactFieldLabels::label(QStringLiteral("phone"));
        if (!missing.isEmpty())
            m_message->showMessage(MessageLabel::Kind::Warning,
                                   ImportWizard::tr("No column goes into %1, so no row can be matched that way.")
                                       .arg(missing.join(ImportWizard::tr(" or "))));
    }
    emit completeChanged();
}

bool ImportMatchingPage::isComplete() const
{
    const auto& m = m_wizard->matching();
    return !m.match || m.byEmail || m.byPhone;
}

bool ImportMatchingPage::validatePage()
{
    // The file may have changed since it was previewed; the importer reports any problem itself.
    return isComplete() && m_wizard->preview().has_value();
}

} // namespace outpost

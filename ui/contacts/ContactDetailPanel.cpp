#include "contacts/ContactDetailPanel.h"

#include "contacts/CountryComboBox.h"
#include "contacts/LabelledValues.h"
#include "contacts/LabelledValuesEditor.h"
#include "customfields/CustomFieldsForm.h"
#include "theme/ThemedIcon.h"

#include <QDateTime>
#include <QGridLayout>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollArea>
#include <QMenu>
#include <QStackedWidget>
#include <QToolButton>
#include <QUrl>
#include <QVBoxLayout>

namespace outpost {

namespace {
// "value (label)" per line.
QString labelledLines(const QList<LabelledValue>& values)
{
    QStringList lines;
    for (const LabelledValue& v : values)
        lines << (v.label.isEmpty() ? v.value : ContactDetailPanel::tr("%1 (%2)").arg(v.value, LabelledValuesEditor::labelText(v.label)));
    return lines.join(QLatin1Char('\n'));
}

QString formatTime(qint64 ms)
{
    if (ms <= 0)
        return {};
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(ms).toLocalTime(), QLocale::ShortFormat);
}
} // namespace

ContactDetailPanel::ContactDetailPanel(QWidget* parent)
    : QWidget(parent)
    , m_stack(new QStackedWidget(this))
    , m_placeholder(new QLabel(tr("Select a contact to see the details."), this))
    , m_name(new QLabel(this))
    , m_subtitle(new QLabel(this))
    , m_edit(new QPushButton(themedIcon(QStringLiteral("edit")), tr("&Edit…"), this))
    , m_delete(new QPushButton(themedIcon(QStringLiteral("delete")), tr("&Delete…"), this))
    , m_privacy(new QToolButton(this))
    , m_sections(new QVBoxLayout)
    , m_form(new QGridLayout)
{
    setObjectName(QStringLiteral("contactDetail"));
    m_placeholder->setObjectName(QStringLiteral("detailPlaceholder"));
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_placeholder->setForegroundRole(QPalette::PlaceholderText);
    m_name->setObjectName(QStringLiteral("detailName"));
    m_edit->setObjectName(QStringLiteral("editContactButton"));
    m_delete->setObjectName(QStringLiteral("deleteContactButton"));

    QFont nameFont = m_name->font();
    nameFont.setPointSizeF(nameFont.pointSizeF() * 1.4);
    nameFont.setBold(true);
    m_name->setFont(nameFont);
    m_name->setWordWrap(true);
    m_name->setTextFormat(Qt::PlainText);
    m_name->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_subtitle->setWordWrap(true);
    m_subtitle->setTextFormat(Qt::PlainText);
    m_subtitle->setForegroundRole(QPalette::PlaceholderText);

    // Privacy requests about the person: hand over what is held about them, or erase them.
    m_privacy->setObjectName(QStringLiteral("privacyButton"));
    m_privacy->setText(tr("&Privacy"));
    m_privacy->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_privacy->setPopupMode(QToolButton::InstantPopup);
    auto* privacyMenu = new QMenu(m_privacy);
    QAction* exportPerson = privacyMenu->addAction(tr("E&xport Personal Data…"));
    exportPerson->setObjectName(QStringLiteral("exportPersonAction"));
    QAction* erasePerson = privacyMenu->addAction(tr("E&rase Person…"));
    erasePerson->setObjectName(QStringLiteral("erasePersonAction"));
    m_privacy->setMenu(privacyMenu);
    connect(exportPerson, &QAction::triggered, this, &ContactDetailPanel::exportPersonRequested);
    connect(erasePerson, &QAction::triggered, this, &ContactDetailPanel::erasePersonRequested);

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_edit);
    buttons->addWidget(m_delete);
    buttons->addWidget(m_privacy);
    buttons->addStretch(1);

    // A grid rather than a QFormLayout: rows come and go with the contact's fields, and Qt 6.4's
    // QFormLayout::heightForWidth writes out of bounds with hidden rows of word-wrapped labels (valgrind).
    m_form->setVerticalSpacing(8);
    m_form->setHorizontalSpacing(12);
    m_form->setColumnStretch(1, 1);
    m_email = addRow(tr("E-mail:"), QStringLiteral("detailEmail"));
    m_phone = addRow(tr("Phone:"), QStringLiteral("detailPhone"));
    m_otherEmails = addRow(tr("Other e-mails:"), QStringLiteral("detailOtherEmails"));
    m_otherPhones = addRow(tr("Other phones:"), QStringLiteral("detailOtherPhones"));
    m_company = addRow(tr("Company:"), QStringLiteral("detailCompany"));
    m_linkedCompany = addRow(tr("Linked company:"), QStringLiteral("detailLinkedCompany"));
    m_address = addRow(tr("Address:"), QStringLiteral("detailAddress"));
    m_otherAddresses = addRow(tr("Other addresses:"), QStringLiteral("detailOtherAddresses"));
    m_country = addRow(tr("Country:"), QStringLiteral("detailCountry"));
    m_tags = addRow(tr("Tags:"), QStringLiteral("detailTags"));
    m_notes = addRow(tr("Notes:"), QStringLiteral("detailNotes"));
    m_custom = addRow(tr("Custom fields:"), QStringLiteral("detailCustom"));
    m_created = addRow(tr("Created:"), QStringLiteral("detailCreated"));
    m_updated = addRow(tr("Last changed:"), QStringLiteral("detailUpdated"));
    m_tags->setTextFormat(Qt::RichText);
    m_tags->setTextInteractionFlags(Qt::TextBrowserInteraction);
    m_tags->setToolTip(tr("Click a tag to list the contacts that have it."));
    connect(m_tags, &QLabel::linkActivated, this, [this](const QString& link) {
        emit tagActivated(QUrl::fromPercentEncoding(link.toUtf8()));
    });
    m_email->setTextFormat(Qt::RichText);
    m_email->setOpenExternalLinks(true);
    m_email->setTextInteractionFlags(Qt::TextBrowserInteraction);

    auto* content = new QWidget;
    auto* contentLayout = new QVBoxLayout(content);
    contentLayout->setContentsMargins(16, 14, 16, 14);
    contentLayout->addWidget(m_name);
    contentLayout->addWidget(m_subtitle);
    contentLayout->addSpacing(6);
    contentLayout->addLayout(buttons);
    auto* line = new QFrame(content);
    line->setFrameShape(QFrame::HLine);
    line->setFrameShadow(QFrame::Sunken);
    contentLayout->addSpacing(6);
    contentLayout->addWidget(line);
    contentLayout->addSpacing(6);
    contentLayout->addLayout(m_form);
    contentLayout->addSpacing(12);
    contentLayout->addLayout(m_sections);
    contentLayout->addStretch(1);

    auto* scroll = new QScrollArea;
    scroll->setObjectName(QStringLiteral("detailScroll"));
    scroll->setWidget(content);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);

    m_stack->addWidget(m_placeholder);
    m_stack->addWidget(scroll);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);
    setMinimumWidth(260);

    connect(m_edit, &QPushButton::clicked, this, &ContactDetailPanel::editRequested);
    connect(m_delete, &QPushButton::clicked, this, &ContactDetailPanel::deleteRequested);
    showContact(std::nullopt);
}

void ContactDetailPanel::addSection(QWidget* section)
{
    m_sections->addWidget(section);
}

QLabel* ContactDetailPanel::addRow(const QString& label, const QString& objectName)
{
    auto* value = new QLabel(this);
    value->setObjectName(objectName);
    value->setWordWrap(true);
    value->setTextFormat(Qt::PlainText);
    value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    value->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    auto* caption = new QLabel(label, this);
    caption->setForegroundRole(QPalette::PlaceholderText);
    caption->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    const int row = m_form->rowCount();
    m_form->addWidget(caption, row, 0);
    m_form->addWidget(value, row, 1);
    m_captions.insert(value, caption);
    return value;
}

void ContactDetailPanel::setRow(QLabel* value, const QString& text)
{
    value->setText(text);
    value->setVisible(!text.isEmpty());
    if (QLabel* caption = m_captions.value(value))
        caption->setVisible(!text.isEmpty());
}

void ContactDetailPanel::showContact(const std::optional<Contact>& contact, const Extras& extras)
{
    m_contact = contact;
    if (!contact) {
        m_stack->setCurrentIndex(0);
        return;
    }
    const Contact& c = *contact;
    m_name->setText(c.displayName());
    const bool nameShown = !(c.firstName.isEmpty() && c.lastName.isEmpty());
    m_subtitle->setText(nameShown ? c.company : QString());
    m_subtitle->setVisible(!m_subtitle->text().isEmpty());

    setRow(m_email, c.email);
    if (!c.email.isEmpty())
        m_email->setText(QStringLiteral("<a href=\"mailto:%1\">%1</a>").arg(c.email.toHtmlEscaped()));
    setRow(m_phone, c.phone);
    setRow(m_otherEmails, labelledLines(LabelledValues::values(c.otherEmails)));
    setRow(m_otherPhones, labelledLines(LabelledValues::values(c.otherPhones)));
    setRow(m_company, nameShown ? QString() : c.company);
    setRow(m_linkedCompany, extras.companyName == c.company && nameShown ? QString() : extras.companyName);
    QStringList addressLines;
    if (!c.street.isEmpty())
        addressLines << c.street;
    const QString place = QStringList{c.postalCode, c.city}.join(QLatin1Char(' ')).trimmed();
    if (!place.isEmpty())
        addressLines << place;
    setRow(m_address, addressLines.join(QLatin1Char('\n')));
    setRow(m_country, CountryComboBox::countryName(c.country));
    QStringList otherAddresses;
    for (const LabelledAddress& a : LabelledValues::addresses(c.otherAddresses)) {
        const QString where = QStringList{a.street, QStringList{a.postalCode, a.city}.join(QLatin1Char(' ')).trimmed(),
                                          CountryComboBox::countryName(a.country)}
                                  .filter(QRegularExpression(QStringLiteral("\\S")))
                                  .join(QStringLiteral(", "));
        otherAddresses << (a.label.isEmpty() ? where : tr("%1 (%2)").arg(where, LabelledValuesEditor::labelText(a.label)));
    }
    setRow(m_otherAddresses, otherAddresses.join(QLatin1Char('\n')));
    const QStringList tags = Contact::tagList(c.tags);
    setRow(m_tags, tags.join(QStringLiteral(", ")));
    if (!tags.isEmpty()) {
        QStringList links; // each tag filters the list by it
        for (const QString& t : tags)
            links << QStringLiteral("<a href=\"%1\">%2</a>").arg(QString::fromLatin1(QUrl::toPercentEncoding(t)), t.toHtmlEscaped());
        m_tags->setText(links.join(QStringLiteral(", ")));
    }
    setRow(m_notes, c.notes);
    QStringList customLines;
    for (const CustomField& f : extras.fields) {
        const QString text = CustomFieldsForm::displayText(extras.custom.value(f.memberName()));
        if (!text.isEmpty())
            customLines << tr("%1: %2").arg(f.label, text);
    }
    setRow(m_custom, customLines.join(QLatin1Char('\n')));
    setRow(m_created, formatTime(c.createdAt));
    setRow(m_updated, c.updatedAt != c.createdAt ? formatTime(c.updatedAt) : QString());
    m_stack->setCurrentIndex(1);
}

} // namespace outpost

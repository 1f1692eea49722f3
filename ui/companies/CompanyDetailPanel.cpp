#include "companies/CompanyDetailPanel.h"

#include "companies/CompanyContactsModel.h"
#include "contacts/CountryComboBox.h"
#include "customfields/CustomFieldsForm.h"
#include "theme/ThemedIcon.h"

#include <QFrame>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QListView>
#include <QPushButton>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace outpost {

CompanyDetailPanel::CompanyDetailPanel(CompanyRepository& companies, QWidget* parent)
    : QWidget(parent)
    , m_stack(new QStackedWidget(this))
    , m_name(new QLabel(this))
    , m_subtitle(new QLabel(this))
    , m_form(new QGridLayout)
    , m_contactsCaption(new QLabel(this))
    , m_contacts(new CompanyContactsModel(companies, this))
    , m_contactsView(new QListView(this))
{
    setObjectName(QStringLiteral("companyDetail"));
    auto* placeholder = new QLabel(tr("Select a company to see the details and its contacts."), this);
    placeholder->setObjectName(QStringLiteral("detailPlaceholder"));
    placeholder->setAlignment(Qt::AlignCenter);
    placeholder->setWordWrap(true);
    placeholder->setForegroundRole(QPalette::PlaceholderText);
    m_name->setObjectName(QStringLiteral("detailName"));
    QFont nameFont = m_name->font();
    nameFont.setPointSizeF(nameFont.pointSizeF() * 1.4);
    nameFont.setBold(true);
    m_name->setFont(nameFont);
    m_name->setWordWrap(true);
    m_name->setTextFormat(Qt::PlainText);
    m_name->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_subtitle->setTextFormat(Qt::PlainText);
    m_subtitle->setForegroundRole(QPalette::PlaceholderText);

    auto* edit = new QPushButton(themedIcon(QStringLiteral("edit")), tr("&Edit…"), this);
    edit->setObjectName(QStringLiteral("editCompanyButton"));
    auto* remove = new QPushButton(themedIcon(QStringLiteral("delete")), tr("&Delete…"), this);
    remove->setObjectName(QStringLiteral("deleteCompanyButton"));
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(edit);
    buttons->addWidget(remove);
    buttons->addStretch(1);

    m_form->setVerticalSpacing(8);
    m_form->setHorizontalSpacing(12);
    m_form->setColumnStretch(1, 1);
    m_domain = addRow(tr("Web site:"), QStringLiteral("detailDomain"));
    m_phone = addRow(tr("Phone:"), QStringLiteral("detailPhone"));
    m_email = addRow(tr("E-mail:"), QStringLiteral("detailEmail"));
    m_address = addRow(tr("Address:"), QStringLiteral("detailAddress"));
    m_notes = addRow(tr("Notes:"), QStringLiteral("detailNotes"));
    m_custom = addRow(tr("Custom fields:"), QStringLiteral("detailCustom"));

    m_contactsCaption->setObjectName(QStringLiteral("contactsCaption"));
    QFont bold = m_contactsCaption->font();
    bold.setBold(true);
    m_contactsCaption->setFont(bold);
    m_contactsView->setObjectName(QStringLiteral("companyContacts"));
    m_contactsView->setModel(m_contacts);
    m_contactsView->setUniformItemSizes(true);
    m_contactsView->setEditTriggers(QAbstractItemView::NoEditTriggers);

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
    contentLayout->addWidget(line);
    contentLayout->addLayout(m_form);
    contentLayout->addSpacing(8);
    contentLayout->addWidget(m_contactsCaption);
    contentLayout->addWidget(m_contactsView, 1);

    m_stack->addWidget(placeholder);
    m_stack->addWidget(content);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);
    setMinimumWidth(280);

    connect(edit, &QPushButton::clicked, this, &CompanyDetailPanel::editRequested);
    connect(remove, &QPushButton::clicked, this, &CompanyDetailPanel::deleteRequested);
    connect(m_contactsView, &QListView::activated, this, [this](const QModelIndex& index) {
        emit contactActivated(index.data(CompanyContactsModel::IdRole).toString());
    });
    showCompany(std::nullopt);
}

QLabel* CompanyDetailPanel::addRow(const QString& label, const QString& objectName)
{
    auto* value = new QLabel(this);
    value->setObjectName(objectName);
    value->setWordWrap(true);
    value->setTextFormat(Qt::PlainText);
    value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* caption = new QLabel(label, this);
    caption->setForegroundRole(QPalette::PlaceholderText);
    caption->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    const int row = m_form->rowCount();
    m_form->addWidget(caption, row, 0);
    m_form->addWidget(value, row, 1);
    m_captions.insert(value, caption);
    return value;
}

void CompanyDetailPanel::setRow(QLabel* value, const QString& text)
{
    value->setText(text);
    value->setVisible(!text.isEmpty());
    if (QLabel* caption = m_captions.value(value))
        caption->setVisible(!text.isEmpty());
}

void CompanyDetailPanel::showCompany(const std::optional<Company>& company, const QList<CustomField>& fields,
                                     const QJsonObject& custom)
{
    m_company = company;
    if (!company) {
        m_contacts->setCompany(QString());
        m_stack->setCurrentIndex(0);
        return;
    }
    const Company& c = *company;
    m_name->setText(c.name);
    m_subtitle->setText(c.industry);
    m_subtitle->setVisible(!c.industry.isEmpty());
    setRow(m_domain, c.domain);
    setRow(m_phone, c.phone);
    setRow(m_email, c.email);
    QStringList address;
    if (!c.street.isEmpty())
        address << c.street;
    const QString place = QStringList{c.postalCode, c.city}.join(QLatin1Char(' ')).trimmed();
    if (!place.isEmpty())
        address << place;
    if (!c.country.isEmpty())
        address << CountryComboBox::countryName(c.country);
    setRow(m_address, address.join(QLatin1Char('\n')));
    setRow(m_notes, c.notes);
    QStringList customLines;
    for (const CustomField& f : fields) {
        const QString text = CustomFieldsForm::displayText(custom.value(f.memberName()));
        if (!text.isEmpty())
            customLines << tr("%1: %2").arg(f.label, text);
    }
    setRow(m_custom, customLines.join(QLatin1Char('\n')));
    m_contacts->setCompany(c.id);
    m_contactsCaption->setText(m_contacts->total() == 0 ? tr("No contacts linked yet")
                                                         : tr("%Ln contact(s)", nullptr, int(m_contacts->total())));
    m_stack->setCurrentIndex(1);
}

} // namespace outpost

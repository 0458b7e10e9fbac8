<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>AdminMenu</name>
    <message numerus="yes">
        <source>%n patient(s) removed from this laptop now.</source>
        <translation>
            <numerusform>%n patient removed from this laptop now.</numerusform>
            <numerusform>%n patients removed from this laptop now.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The audit log is intact: %n event(s), every link checked.</source>
        <translation>
            <numerusform>The audit log is intact: %n event, every link checked.</numerusform>
            <numerusform>The audit log is intact: %n events, every link checked.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EyePanel</name>
    <message numerus="yes">
        <source>Eye result from %n photo(s): {grade}</source>
        <translation>
            <numerusform>Eye result from %n photo: {grade}</numerusform>
            <numerusform>Eye result from %n photos: {grade}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>Locked after %n idle minute(s). Choose your name and enter your PIN.</source>
        <translation>
            <numerusform>Locked after %n idle minute. Choose your name and enter your PIN.</numerusform>
            <numerusform>Locked after %n idle minutes. Choose your name and enter your PIN.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) written to {path}</source>
        <translation>
            <numerusform>%n row written to {path}</numerusform>
            <numerusform>%n rows written to {path}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PatientScreen</name>
    <message numerus="yes">
        <source>%v of %n photo(s) graded</source>
        <translation>
            <numerusform>%v of %n photo graded</numerusform>
            <numerusform>%v of %n photos graded</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReferralSlip</name>
    <message numerus="yes">
        <source>From %n photo(s); the worst grade counts.</source>
        <translation>
            <numerusform>From %n photo; the worst grade counts.</numerusform>
            <numerusform>From %n photos; the worst grade counts.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SyncMenu</name>
    <message numerus="yes">
        <source>not synced: %n record(s)</source>
        <translation>
            <numerusform>not synced: %n record</numerusform>
            <numerusform>not synced: %n records</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n camp session(s)</source>
        <translation>
            <numerusform>%n camp session</numerusform>
            <numerusform>%n camp sessions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n patient(s)</source>
        <translation>
            <numerusform>%n patient</numerusform>
            <numerusform>%n patients</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s)</source>
        <translation>
            <numerusform>%n photo</numerusform>
            <numerusform>%n photos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n result(s)</source>
        <translation>
            <numerusform>%n result</numerusform>
            <numerusform>%n results</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n photo correction(s)</source>
        <translation>
            <numerusform>%n photo correction</numerusform>
            <numerusform>%n photo corrections</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n audit event(s)</source>
        <translation>
            <numerusform>%n audit event</numerusform>
            <numerusform>%n audit events</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) sent and confirmed by the hub.</source>
        <translation>
            <numerusform>%n record sent and confirmed by the hub.</numerusform>
            <numerusform>%n records sent and confirmed by the hub.</numerusform>
        </translation>
    </message>
</context>
</TS>

<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es" sourcelanguage="en">
<context>
    <name>AdminCheckDialog</name>
    <message>
        <source>Administrator</source>
        <translation>Administrador</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
</context>
<context>
    <name>AdminMenu</name>
    <message>
        <source>&amp;Admin</source>
        <translation>A&amp;dministrar</translation>
    </message>
    <message>
        <source>Accounts…</source>
        <translation>Cuentas…</translation>
    </message>
    <message>
        <source>Referral hospital…</source>
        <translation>Hospital de derivación…</translation>
    </message>
    <message>
        <source>Hub export key…</source>
        <translation>Clave de exportación del servidor…</translation>
    </message>
    <message>
        <source>Retention policy…</source>
        <translation>Política de conservación…</translation>
    </message>
    <message>
        <source>Idle lock…</source>
        <translation>Bloqueo por inactividad…</translation>
    </message>
    <message>
        <source>Change passphrase…</source>
        <translation>Cambiar la frase de contraseña…</translation>
    </message>
    <message>
        <source>Verify audit log</source>
        <translation>Verificar el registro de auditoría</translation>
    </message>
    <message>
        <source>Restore a backup…</source>
        <translation>Restaurar una copia de seguridad…</translation>
    </message>
    <message>
        <source>Administrators only</source>
        <translation>Solo administradores</translation>
    </message>
    <message>
        <source>Not done</source>
        <translation>No se hizo</translation>
    </message>
    <message>
        <source>The hub&apos;s export key</source>
        <translation>La clave de exportación del servidor</translation>
    </message>
    <message>
        <source>Hub key (hub-export.pub)</source>
        <translation>Clave del servidor (hub-export.pub)</translation>
    </message>
    <message>
        <source>Hub export key</source>
        <translation>Clave de exportación del servidor</translation>
    </message>
    <message>
        <source>USB exports are now encrypted for the hub key {key}.</source>
        <translation>Las exportaciones USB se cifran ahora para la clave del servidor {key}.</translation>
    </message>
    <message>
        <source>Retention policy</source>
        <translation>Política de conservación</translation>
    </message>
    <message>
        <source>Remove patients&apos; personal data and photos from this laptop this many days after the hub confirmed them (0: keep everything):</source>
        <translation>Quitar de este portátil los datos personales y las fotos de los pacientes tantos días después de que el servidor los confirmara (0: conservarlo todo):</translation>
    </message>
    <message numerus="yes">
        <source>%n patient(s) removed from this laptop now.</source>
        <translation>
            <numerusform>Se quitó ahora %n paciente de este portátil.</numerusform>
            <numerusform>Se quitaron ahora %n pacientes de este portátil.</numerusform>
        </translation>
    </message>
    <message>
        <source>Idle lock</source>
        <translation>Bloqueo por inactividad</translation>
    </message>
    <message>
        <source>Lock the window after this many minutes without a key press or click:</source>
        <translation>Bloquear la ventana tras estos minutos sin pulsar una tecla ni hacer clic:</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>Registro de auditoría</translation>
    </message>
    <message numerus="yes">
        <source>The audit log is intact: %n event(s), every link checked.</source>
        <translation>
            <numerusform>El registro de auditoría está intacto: %n evento, cada enlace comprobado.</numerusform>
            <numerusform>El registro de auditoría está intacto: %n eventos, cada enlace comprobado.</numerusform>
        </translation>
    </message>
    <message>
        <source>The audit log is BROKEN at event {event}: {why}</source>
        <translation>El registro de auditoría está ROTO en el evento {event}: {why}</translation>
    </message>
    <message>
        <source>Restore a backup</source>
        <translation>Restaurar una copia de seguridad</translation>
    </message>
    <message>
        <source>There is no backup yet.</source>
        <translation>Aún no hay ninguna copia de seguridad.</translation>
    </message>
    <message>
        <source>Put this backup in place of the database (the current one is kept beside it). Records made after it are not in it. dr-screen closes; start it again afterwards.</source>
        <translation>Poner esta copia de seguridad en lugar de la base de datos (la actual se conserva a su lado). Los registros hechos después no están en ella. dr-screen se cierra; vuelva a abrirlo después.</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>dr-screen cannot start</source>
        <translation>dr-screen no puede iniciarse</translation>
    </message>
    <message>
        <source>The database is damaged</source>
        <translation>La base de datos está dañada</translation>
    </message>
    <message>
        <source>{problem}

An administrator can restore that backup now (the damaged file is kept).</source>
        <translation>{problem}

Un administrador puede restaurar ahora esa copia de seguridad (el archivo dañado se conserva).</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Restaurar</translation>
    </message>
</context>
<context>
    <name>CampScreen</name>
    <message>
        <source>Welcome. Start today&apos;s camp, or continue an earlier one.</source>
        <translation>Bienvenido. Inicie la campaña de hoy o continúe una anterior.</translation>
    </message>
    <message>
        <source>&lt;b&gt;⚠ No grading model — photos cannot be graded.&lt;/b&gt;&lt;br&gt;{problem}&lt;br&gt;You can still register patients, view saved results and export CSV. Ask your supervisor to install the model files in the &lt;i&gt;models&lt;/i&gt; folder, then restart.</source>
        <translation>&lt;b&gt;⚠ No hay modelo de clasificación: las fotos no se pueden clasificar.&lt;/b&gt;&lt;br&gt;{problem}&lt;br&gt;Aún puede registrar pacientes, ver los resultados guardados y exportar CSV. Pida a su supervisor que instale los archivos del modelo en la carpeta &lt;i&gt;models&lt;/i&gt; y reinicie.</translation>
    </message>
    <message>
        <source>Start a new camp session</source>
        <translation>Iniciar una nueva sesión de campaña</translation>
    </message>
    <message>
        <source>e.g. PHC Kottur</source>
        <translation>p. ej. Centro de Salud Kottur</translation>
    </message>
    <message>
        <source>your name</source>
        <translation>su nombre</translation>
    </message>
    <message>
        <source>Start camp ▶</source>
        <translation>Iniciar campaña ▶</translation>
    </message>
    <message>
        <source>Camp site:</source>
        <translation>Lugar de la campaña:</translation>
    </message>
    <message>
        <source>Operator:</source>
        <translation>Operador:</translation>
    </message>
    <message>
        <source>Date:</source>
        <translation>Fecha:</translation>
    </message>
    <message>
        <source>Or continue an earlier camp</source>
        <translation>O continúe una campaña anterior</translation>
    </message>
    <message>
        <source>Open selected camp</source>
        <translation>Abrir la campaña elegida</translation>
    </message>
</context>
<context>
    <name>CorrectionDialog</name>
    <message>
        <source>Remove or move a photo</source>
        <translation>Quitar o mover una foto</translation>
    </message>
    <message>
        <source>not graded</source>
        <translation>sin clasificar</translation>
    </message>
    <message>
        <source>Remove it from this patient (a photo of someone else, or unusable)</source>
        <translation>Quitarla de este paciente (foto de otra persona, o inservible)</translation>
    </message>
    <message>
        <source>Move it to the {eye} of this patient</source>
        <translation>Moverla al {eye} de este paciente</translation>
    </message>
    <message>
        <source>Move it to another patient of this camp:</source>
        <translation>Moverla a otro paciente de esta campaña:</translation>
    </message>
    <message>
        <source>There is no other patient in this camp.</source>
        <translation>No hay otro paciente en esta campaña.</translation>
    </message>
    <message>
        <source>e.g. photo of the next patient; taken of the left eye</source>
        <translation>p. ej. foto del siguiente paciente; era del ojo izquierdo</translation>
    </message>
    <message>
        <source>Photo</source>
        <translation>Foto</translation>
    </message>
    <message>
        <source>Correction</source>
        <translation>Corrección</translation>
    </message>
    <message>
        <source>Reason *</source>
        <translation>Motivo *</translation>
    </message>
    <message>
        <source>Signed by</source>
        <translation>Firmado por</translation>
    </message>
    <message>
        <source>Apply correction</source>
        <translation>Aplicar la corrección</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Nothing is deleted: the change, your name and the reason are kept and sent with the next sync.</source>
        <translation>No se borra nada: el cambio, su nombre y el motivo se guardan y se envían con la próxima sincronización.</translation>
    </message>
</context>
<context>
    <name>EyePanel</name>
    <message>
        <source>RIGHT EYE (OD)</source>
        <translation>OJO DERECHO (OD)</translation>
    </message>
    <message>
        <source>LEFT EYE (OS)</source>
        <translation>OJO IZQUIERDO (OI)</translation>
    </message>
    <message>
        <source>Add photo…</source>
        <translation>Añadir foto…</translation>
    </message>
    <message>
        <source>From camera folder</source>
        <translation>Desde la carpeta de la cámara</translation>
    </message>
    <message>
        <source>Remove or move…</source>
        <translation>Quitar o mover…</translation>
    </message>
    <message>
        <source>Photo on the wrong eye or the wrong patient? Remove it or move it, with the reason. Nothing is deleted.</source>
        <translation>¿Foto en el ojo o el paciente equivocado? Quítela o muévala, indicando el motivo. No se borra nada.</translation>
    </message>
    <message>
        <source>Heat map: red areas influenced the grade most</source>
        <translation>Mapa de calor: las zonas rojas son las que más influyeron en el grado</translation>
    </message>
    <message>
        <source>Photo</source>
        <translation>Foto</translation>
    </message>
    <message>
        <source>Heat map: red = raised the grade</source>
        <translation>Mapa de calor: rojo = elevó el grado</translation>
    </message>
    <message>
        <source>Details…</source>
        <translation>Detalles…</translation>
    </message>
    <message>
        <source>The model&apos;s raw outputs behind the score</source>
        <translation>Las salidas sin procesar del modelo detrás de la puntuación</translation>
    </message>
    <message>
        <source>No grading model installed</source>
        <translation>No hay modelo de clasificación instalado</translation>
    </message>
    <message>
        <source>Drop the photo of this eye here, or use the buttons above</source>
        <translation>Suelte aquí la foto de este ojo, o use los botones de arriba</translation>
    </message>
    <message>
        <source>No photo yet</source>
        <translation>Aún no hay foto</translation>
    </message>
    <message>
        <source>Grading… please wait</source>
        <translation>Clasificando… espere, por favor</translation>
    </message>
    <message>
        <source>⚠ Photo not used: {message}
Choose another photo or take it again.</source>
        <translation>⚠ Foto no utilizada: {message}
Elija otra foto o tómela de nuevo.</translation>
    </message>
    <message>
        <source>The retake is ungradable too.
Reason: {reasons}
Refer to eye doctor: YES, within 1 month.</source>
        <translation>La foto repetida tampoco se puede clasificar.
Motivo: {reasons}
Derivar al oftalmólogo: SÍ, en menos de 1 mes.</translation>
    </message>
    <message>
        <source>Refer to eye doctor: YES</source>
        <translation>Derivar al oftalmólogo: SÍ</translation>
    </message>
    <message>
        <source>Refer to eye doctor: YES (score above the screening threshold)</source>
        <translation>Derivar al oftalmólogo: SÍ (puntuación sobre el umbral de cribado)</translation>
    </message>
    <message>
        <source>Refer to eye doctor: no</source>
        <translation>Derivar al oftalmólogo: no</translation>
    </message>
    <message>
        <source>Grade from the model&apos;s combined score: {score}</source>
        <translation>Grado según la puntuación combinada del modelo: {score}</translation>
    </message>
    <message>
        <source>UNGRADABLE</source>
        <translation>NO CLASIFICABLE</translation>
    </message>
    <message>
        <source>↻ RETAKE this photo now, while the patient is here, and add it with the buttons above.
Reason: {reasons}
Refer to eye doctor: YES, if the retake is still ungradable.</source>
        <translation>↻ REPITA esta foto ahora, mientras el paciente está aquí, y añádala con los botones de arriba.
Motivo: {reasons}
Derivar al oftalmólogo: SÍ, si la nueva foto tampoco es clasificable.</translation>
    </message>
    <message numerus="yes">
        <source>Eye result from %n photo(s): {grade}</source>
        <translation>
            <numerusform>Resultado del ojo a partir de %n foto: {grade}</numerusform>
            <numerusform>Resultado del ojo a partir de %n fotos: {grade}</numerusform>
        </translation>
    </message>
    <message>
        <source>Likelihood of referable DR: not available for this model</source>
        <translation>Probabilidad de RD que requiere derivación: no disponible para este modelo</translation>
    </message>
    <message>
        <source>Likelihood of referable DR: {percent}</source>
        <translation>Probabilidad de RD que requiere derivación: {percent}</translation>
    </message>
</context>
<context>
    <name>Form</name>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
</context>
<context>
    <name>GradingQueue</name>
    <message>
        <source>Grading failed unexpectedly ({error}). Add the photo again.</source>
        <translation>La clasificación falló de forma inesperada ({error}). Añada la foto de nuevo.</translation>
    </message>
</context>
<context>
    <name>HospitalDialog</name>
    <message>
        <source>Referral hospital</source>
        <translation>Hospital de derivación</translation>
    </message>
    <message>
        <source>Where patients who need an eye doctor go: it is printed on their referral slip. Name the hospital and its town, and the days it sees patients if that helps.</source>
        <translation>Adónde van los pacientes que necesitan un oftalmólogo: se imprime en su hoja de derivación. Escriba el hospital y su localidad, y los días de consulta si sirve de ayuda.</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Guardar</translation>
    </message>
    <message>
        <source>e.g. District Eye Hospital, Melur (Mon-Sat 9-13)</source>
        <translation>p. ej. Hospital Oftalmológico del Distrito, Melur (lun-sáb 9-13)</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Sign in</source>
        <translation>Iniciar sesión</translation>
    </message>
    <message>
        <source>Choose your name and enter your PIN.</source>
        <translation>Elija su nombre y escriba su PIN.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>Quit dr-screen</source>
        <translation>Salir de dr-screen</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>dr-screen — diabetic retinopathy screening</source>
        <translation>dr-screen — cribado de retinopatía diabética</translation>
    </message>
    <message>
        <source>Locked. Sign in to go on.</source>
        <translation>Bloqueado. Inicie sesión para continuar.</translation>
    </message>
    <message>
        <source>Model: {name} {version}</source>
        <translation>Modelo: {name} {version}</translation>
    </message>
    <message>
        <source>⚠ No grading model</source>
        <translation>⚠ No hay modelo de clasificación</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <source>Export patients (CSV)…</source>
        <translation>Exportar pacientes (CSV)…</translation>
    </message>
    <message>
        <source>Export photos (CSV)…</source>
        <translation>Exportar fotos (CSV)…</translation>
    </message>
    <message>
        <source>Install model update…</source>
        <translation>Instalar actualización del modelo…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Salir</translation>
    </message>
    <message>
        <source>Sess&amp;ion</source>
        <translation>S&amp;esión</translation>
    </message>
    <message>
        <source>Lock now (switch user)</source>
        <translation>Bloquear ahora (cambiar de usuario)</translation>
    </message>
    <message>
        <source>Locked. Choose your name and enter your PIN.</source>
        <translation>Bloqueado. Elija su nombre y escriba su PIN.</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Idioma</translation>
    </message>
    <message>
        <source>Computer&apos;s language</source>
        <translation>Idioma del ordenador</translation>
    </message>
    <message>
        <source>About dr-screen</source>
        <translation>Acerca de dr-screen</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>A&amp;yuda</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>The records are being sent to the hub. Choose the language again when the sync is finished.</source>
        <translation>Se están enviando los registros al servidor. Vuelva a elegir el idioma cuando termine la sincronización.</translation>
    </message>
    <message>
        <source>Signed in: {name} ({role})</source>
        <translation>Sesión iniciada: {name} ({role})</translation>
    </message>
    <message numerus="yes">
        <source>Locked after %n idle minute(s). Choose your name and enter your PIN.</source>
        <translation>
            <numerusform>Bloqueado tras %n minuto de inactividad. Elija su nombre y escriba su PIN.</numerusform>
            <numerusform>Bloqueado tras %n minutos de inactividad. Elija su nombre y escriba su PIN.</numerusform>
        </translation>
    </message>
    <message>
        <source>Locked</source>
        <translation>Bloqueado</translation>
    </message>
    <message>
        <source>Delete patient</source>
        <translation>Borrar paciente</translation>
    </message>
    <message>
        <source>Delete this patient for good? Their name, ID, phone, notes and photos are erased from this laptop and, at the next sync, from the hospital&apos;s hub. Their anonymous grades stay. This cannot be undone.</source>
        <translation>¿Borrar a este paciente definitivamente? Su nombre, ID, teléfono, notas y fotos se borran de este portátil y, en la próxima sincronización, del servidor del hospital. Sus clasificaciones anónimas se conservan. No se puede deshacer.</translation>
    </message>
    <message>
        <source>Not deleted</source>
        <translation>No se borró</translation>
    </message>
    <message>
        <source>Restore a backup</source>
        <translation>Restaurar una copia de seguridad</translation>
    </message>
    <message>
        <source>An administrator of that backup confirms with their name and PIN.</source>
        <translation>Un administrador de esa copia de seguridad lo confirma con su nombre y su PIN.</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Restaurar</translation>
    </message>
    <message>
        <source>Not restored</source>
        <translation>No se restauró</translation>
    </message>
    <message>
        <source>{problem}

dr-screen closes now; start it again.</source>
        <translation>{problem}

dr-screen se cierra ahora; vuelva a abrirlo.</translation>
    </message>
    <message>
        <source>Restored</source>
        <translation>Restaurada</translation>
    </message>
    <message>
        <source>The backup is restored. dr-screen closes now: start it again, and check the last records.</source>
        <translation>La copia de seguridad está restaurada. dr-screen se cierra ahora: vuelva a abrirlo y revise los últimos registros.</translation>
    </message>
    <message>
        <source>Photo not saved</source>
        <translation>Foto no guardada</translation>
    </message>
    <message>
        <source>Export the patients of the camps held between:</source>
        <translation>Exportar los pacientes de las campañas realizadas entre:</translation>
    </message>
    <message>
        <source>Export the photos of the camps held between:</source>
        <translation>Exportar las fotos de las campañas realizadas entre:</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Desde</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Hasta</translation>
    </message>
    <message>
        <source>Only the open camp ({site}, {date})</source>
        <translation>Solo la campaña abierta ({site}, {date})</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportar</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Export patients</source>
        <translation>Exportar pacientes</translation>
    </message>
    <message>
        <source>Export photos</source>
        <translation>Exportar fotos</translation>
    </message>
    <message>
        <source>A CSV file is plain text: unlike dr-screen&apos;s own records it is NOT encrypted, and anyone who gets the file can read the names and results in it. Keep it only as long as needed, on an encrypted disk, and delete it after use.

Write the CSV file?</source>
        <translation>Un archivo CSV es texto sin cifrar: a diferencia de los registros de dr-screen NO está cifrado, y cualquiera que obtenga el archivo puede leer los nombres y resultados que contiene. Consérvelo solo el tiempo necesario, en un disco cifrado, y bórrelo después de usarlo.

¿Escribir el archivo CSV?</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>The file was not written: {reason}</source>
        <translation>No se escribió el archivo: {reason}</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) written to {path}</source>
        <translation>
            <numerusform>%n fila escrita en {path}</numerusform>
            <numerusform>%n filas escritas en {path}</numerusform>
        </translation>
    </message>
    <message>
        <source>Model: &lt;b&gt;{name}&lt;/b&gt; version &lt;b&gt;{version}&lt;/b&gt; ({mode}, input {size} px)</source>
        <translation>Modelo: &lt;b&gt;{name}&lt;/b&gt; versión &lt;b&gt;{version}&lt;/b&gt; ({mode}, entrada de {size} px)</translation>
    </message>
    <message>
        <source>&lt;b&gt;Caution:&lt;/b&gt; {warning}</source>
        <translation>&lt;b&gt;Precaución:&lt;/b&gt; {warning}</translation>
    </message>
    <message>
        <source>No grading model: {problem}</source>
        <translation>No hay modelo de clasificación: {problem}</translation>
    </message>
    <message>
        <source>&lt;h3&gt;dr-screen&lt;/h3&gt;&lt;p&gt;Offline diabetic-retinopathy screening.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;dr-screen&lt;/h3&gt;&lt;p&gt;Cribado de retinopatía diabética sin conexión.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Data folder: {folder}</source>
        <translation>Carpeta de datos: {folder}</translation>
    </message>
    <message>
        <source>This tool supports screening; it does not replace an eye doctor.</source>
        <translation>Esta herramienta apoya el cribado; no sustituye al oftalmólogo.</translation>
    </message>
    <message>
        <source>Grading in progress</source>
        <translation>Clasificación en curso</translation>
    </message>
    <message>
        <source>Photos are still being graded. Wait for them and then quit?</source>
        <translation>Todavía se están clasificando fotos. ¿Esperar a que terminen y luego salir?</translation>
    </message>
    <message>
        <source>Wait, then quit</source>
        <translation>Esperar y luego salir</translation>
    </message>
    <message>
        <source>Keep working</source>
        <translation>Seguir trabajando</translation>
    </message>
    <message>
        <source>Backup not made</source>
        <translation>No se hizo la copia de seguridad</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <source>OK</source>
        <translation>Aceptar</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Sí</translation>
    </message>
    <message>
        <source>No</source>
        <translation>No</translation>
    </message>
</context>
<context>
    <name>ModelUpdate</name>
    <message>
        <source>Install model update</source>
        <translation>Instalar actualización del modelo</translation>
    </message>
    <message>
        <source>Model not installed</source>
        <translation>Modelo no instalado</translation>
    </message>
    <message>
        <source>Model bundle (*.json)</source>
        <translation>Paquete de modelo (*.json)</translation>
    </message>
    <message>
        <source>The bundle is signed by a trusted publisher and intact. What changes:

{changes}

Install it? dr-screen grades with it from its next start.</source>
        <translation>El paquete está firmado por un editor de confianza y está intacto. Qué cambia:

{changes}

¿Instalarlo? dr-screen clasificará con él a partir del próximo inicio.</translation>
    </message>
    <message>
        <source>Model installed</source>
        <translation>Modelo instalado</translation>
    </message>
    <message>
        <source>{name} {version} is installed. Close dr-screen and start it again to grade with it. To go back: {command}.</source>
        <translation>{name} {version} está instalado. Cierre dr-screen y vuelva a iniciarlo para clasificar con él. Para volver al anterior: {command}.</translation>
    </message>
</context>
<context>
    <name>PassphraseDialog</name>
    <message>
        <source>Change passphrase</source>
        <translation>Cambiar la frase de contraseña</translation>
    </message>
    <message>
        <source>The new passphrase is asked for at every start from now on. The recovery key stays valid.</source>
        <translation>A partir de ahora se pedirá la nueva frase de contraseña en cada inicio. La clave de recuperación sigue siendo válida.</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Cambiar</translation>
    </message>
    <message>
        <source>Current passphrase</source>
        <translation>Frase de contraseña actual</translation>
    </message>
    <message>
        <source>New passphrase</source>
        <translation>Nueva frase de contraseña</translation>
    </message>
    <message>
        <source>New passphrase again</source>
        <translation>Nueva frase de contraseña otra vez</translation>
    </message>
    <message>
        <source>The two passphrases differ.</source>
        <translation>Las dos frases de contraseña no coinciden.</translation>
    </message>
</context>
<context>
    <name>PatientForm</name>
    <message>
        <source>Female</source>
        <translation>Mujer</translation>
    </message>
    <message>
        <source>Male</source>
        <translation>Hombre</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Otro</translation>
    </message>
    <message>
        <source>New patient</source>
        <translation>Nuevo paciente</translation>
    </message>
    <message>
        <source>ID card or register number</source>
        <translation>Documento de identidad o número de registro</translation>
    </message>
    <message>
        <source>years</source>
        <translation>años</translation>
    </message>
    <message>
        <source>— choose —</source>
        <translation>— elija —</translation>
    </message>
    <message>
        <source>years (optional)</source>
        <translation>años (opcional)</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>opcional</translation>
    </message>
    <message>
        <source>Save patient</source>
        <translation>Guardar paciente</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Patient ID *</source>
        <translation>ID del paciente *</translation>
    </message>
    <message>
        <source>Name *</source>
        <translation>Nombre *</translation>
    </message>
    <message>
        <source>Age *</source>
        <translation>Edad *</translation>
    </message>
    <message>
        <source>Sex *</source>
        <translation>Sexo *</translation>
    </message>
    <message>
        <source>Diabetes (years)</source>
        <translation>Diabetes (años)</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notas</translation>
    </message>
</context>
<context>
    <name>PatientScreen</name>
    <message>
        <source>◀ Patient list</source>
        <translation>◀ Lista de pacientes</translation>
    </message>
    <message>
        <source>Referral slip (PDF)…</source>
        <translation>Hoja de derivación (PDF)…</translation>
    </message>
    <message>
        <source>A one-page slip for the patient: result, advice, where to go, the photos. Opens it for printing.</source>
        <translation>Una hoja de una página para el paciente: resultado, consejo, adónde ir, las fotos. Se abre para imprimirla.</translation>
    </message>
    <message>
        <source>Cancel grading</source>
        <translation>Cancelar la clasificación</translation>
    </message>
    <message>
        <source>Technician notes (e.g. cataract, could not dilate)…</source>
        <translation>Notas del técnico (p. ej. catarata, no se pudo dilatar)…</translation>
    </message>
    <message>
        <source>Save notes</source>
        <translation>Guardar notas</translation>
    </message>
    <message>
        <source>Delete patient…</source>
        <translation>Borrar paciente…</translation>
    </message>
    <message>
        <source>Administrators only: erase this patient here and at the hub</source>
        <translation>Solo administradores: borrar a este paciente aquí y en el servidor</translation>
    </message>
    <message>
        <source>PATIENT RESULT (the worse eye decides)</source>
        <translation>RESULTADO DEL PACIENTE (decide el peor ojo)</translation>
    </message>
    <message>
        <source>Patient {code}</source>
        <translation>Paciente {code}</translation>
    </message>
    <message>
        <source>{age} y</source>
        <translation>{age} años</translation>
    </message>
    <message>
        <source>diabetes {years} y</source>
        <translation>diabetes {years} años</translation>
    </message>
    <message>
        <source>{when} {who} removed {photo} from the {eye} (reason: {reason})</source>
        <translation>{when} {who} quitó {photo} del {eye} (motivo: {reason})</translation>
    </message>
    <message>
        <source>{when} {who} moved {photo} here from another patient (reason: {reason})</source>
        <translation>{when} {who} trajo {photo} aquí desde otro paciente (motivo: {reason})</translation>
    </message>
    <message>
        <source>{when} {who} moved {photo} to another patient (reason: {reason})</source>
        <translation>{when} {who} movió {photo} a otro paciente (motivo: {reason})</translation>
    </message>
    <message>
        <source>{when} {who} moved {photo} from the {eye} to the {to_eye} (reason: {reason})</source>
        <translation>{when} {who} movió {photo} del {eye} al {to_eye} (motivo: {reason})</translation>
    </message>
    <message>
        <source>Corrections: </source>
        <translation>Correcciones: </translation>
    </message>
    <message>
        <source>The file name {file} says {named}, but it was added to the {eye}. If it is a photo of the {named}, move it with “Remove or move…”.</source>
        <translation>El nombre del archivo {file} dice {named}, pero se añadió al {eye}. Si es una foto del {named}, muévala con “Quitar o mover…”.</translation>
    </message>
    <message>
        <source>No grading model is installed, so photos cannot be graded.</source>
        <translation>No hay ningún modelo de clasificación instalado, así que las fotos no se pueden clasificar.</translation>
    </message>
    <message>
        <source>Photo of the {eye}</source>
        <translation>Foto del {eye}</translation>
    </message>
    <message>
        <source>Photos ({suffixes})</source>
        <translation>Fotos ({suffixes})</translation>
    </message>
    <message>
        <source>From camera folder</source>
        <translation>Desde la carpeta de la cámara</translation>
    </message>
    <message>
        <source>Choose another folder…</source>
        <translation>Elegir otra carpeta…</translation>
    </message>
    <message>
        <source>Folder where the camera saves photos</source>
        <translation>Carpeta donde la cámara guarda las fotos</translation>
    </message>
    <message>
        <source>No new photo in the camera folder {folder}. Take the photo, wait for the camera to save it, then press again.</source>
        <translation>No hay ninguna foto nueva en la carpeta de la cámara {folder}. Tome la foto, espere a que la cámara la guarde y pulse de nuevo.</translation>
    </message>
    <message>
        <source>Camera folder: {folder}</source>
        <translation>Carpeta de la cámara: {folder}</translation>
    </message>
    <message>
        <source>Save the referral slip</source>
        <translation>Guardar la hoja de derivación</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Referral slip</source>
        <translation>Hoja de derivación</translation>
    </message>
    <message>
        <source>The slip was not written: {reason}</source>
        <translation>No se escribió la hoja: {reason}</translation>
    </message>
    <message>
        <source>✔ Referral slip saved as {path} and opened for printing.</source>
        <translation>✔ Hoja de derivación guardada como {path} y abierta para imprimir.</translation>
    </message>
    <message>
        <source>✔ Referral slip saved as {path}.</source>
        <translation>✔ Hoja de derivación guardada como {path}.</translation>
    </message>
    <message>
        <source>The referral slip is saved as {path}, but no program on this computer opens PDF files, so it could not be opened for printing. Print the file from another computer, or ask for a PDF viewer to be installed.</source>
        <translation>La hoja de derivación está guardada como {path}, pero ningún programa de este ordenador abre archivos PDF, así que no se pudo abrir para imprimir. Imprima el archivo desde otro ordenador o pida que instalen un visor de PDF.</translation>
    </message>
    <message numerus="yes">
        <source>%v of %n photo(s) graded</source>
        <translation>
            <numerusform>%v de %n foto clasificada</numerusform>
            <numerusform>%v de %n fotos clasificadas</numerusform>
        </translation>
    </message>
    <message>
        <source>Notes saved ✔</source>
        <translation>Notas guardadas ✔</translation>
    </message>
</context>
<context>
    <name>PatientsScreen</name>
    <message>
        <source>Search by patient ID, name or phone…</source>
        <translation>Buscar por ID de paciente, nombre o teléfono…</translation>
    </message>
    <message>
        <source>+ New patient</source>
        <translation>+ Nuevo paciente</translation>
    </message>
    <message>
        <source>◀ Camps</source>
        <translation>◀ Campañas</translation>
    </message>
    <message>
        <source>Patient ID</source>
        <translation>ID del paciente</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>Edad</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>Sexo</translation>
    </message>
    <message>
        <source>Right eye</source>
        <translation>Ojo derecho</translation>
    </message>
    <message>
        <source>Left eye</source>
        <translation>Ojo izquierdo</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>No patients yet. Press “+ New patient” to register the first one.</source>
        <translation>Aún no hay pacientes. Pulse «+ Nuevo paciente» para registrar el primero.</translation>
    </message>
    <message>
        <source>Double-click a patient to open their photos and results.</source>
        <translation>Haga doble clic en un paciente para abrir sus fotos y resultados.</translation>
    </message>
    <message>
        <source>{site} — {date} — operator {operator}</source>
        <translation>{site} — {date} — operador {operator}</translation>
    </message>
</context>
<context>
    <name>RecoverDialog</name>
    <message>
        <source>Forgotten passphrase</source>
        <translation>Frase de contraseña olvidada</translation>
    </message>
    <message>
        <source>Type the recovery key that was written down when dr-screen was set up on this laptop, and choose a new passphrase.</source>
        <translation>Escriba la clave de recuperación que se anotó al configurar dr-screen en este portátil y elija una nueva frase de contraseña.</translation>
    </message>
    <message>
        <source>Set the new passphrase</source>
        <translation>Establecer la nueva frase de contraseña</translation>
    </message>
    <message>
        <source>Recovery key</source>
        <translation>Clave de recuperación</translation>
    </message>
    <message>
        <source>New passphrase</source>
        <translation>Nueva frase de contraseña</translation>
    </message>
    <message>
        <source>New passphrase again</source>
        <translation>Nueva frase de contraseña otra vez</translation>
    </message>
    <message>
        <source>The two passphrases differ.</source>
        <translation>Las dos frases de contraseña no coinciden.</translation>
    </message>
</context>
<context>
    <name>RecoveryKeyDialog</name>
    <message>
        <source>Your recovery key</source>
        <translation>Su clave de recuperación</translation>
    </message>
    <message>
        <source>If the passphrase is ever forgotten, this recovery key is the only way to open the records. It is shown now and never again.

Write it on paper and keep it locked away from the laptop, e.g. in the hospital&apos;s safe. Anyone with the laptop and this key can read the records.</source>
        <translation>Si alguna vez se olvida la frase de contraseña, esta clave de recuperación es la única forma de abrir los registros. Se muestra ahora y nunca más.

Escríbala en papel y guárdela bajo llave lejos del portátil, p. ej. en la caja fuerte del hospital. Quien tenga el portátil y esta clave puede leer los registros.</translation>
    </message>
    <message>
        <source>I have written the recovery key down and will keep it away from this laptop</source>
        <translation>He anotado la clave de recuperación y la guardaré lejos de este portátil</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Continuar</translation>
    </message>
</context>
<context>
    <name>ReferralSlip</name>
    <message>
        <source>Referral slip</source>
        <translation>Hoja de derivación</translation>
    </message>
    <message>
        <source>The referral slip does not fit on one page; shorten the advice texts in advice.json.</source>
        <translation>La hoja de derivación no cabe en una página; acorte los textos de consejo en advice.json.</translation>
    </message>
    <message>
        <source>{age} years</source>
        <translation>{age} años</translation>
    </message>
    <message>
        <source>diabetes for {years} years</source>
        <translation>diabetes desde hace {years} años</translation>
    </message>
    <message>
        <source>phone {phone}</source>
        <translation>teléfono {phone}</translation>
    </message>
    <message>
        <source>Printed {time} by dr-screen.</source>
        <translation>Impreso el {time} por dr-screen.</translation>
    </message>
    <message>
        <source>Graded by the model: {models}</source>
        <translation>Clasificado por el modelo: {models}</translation>
    </message>
    <message>
        <source>Patient</source>
        <translation>Paciente</translation>
    </message>
    <message>
        <source>Go to</source>
        <translation>Acudir a</translation>
    </message>
    <message>
        <source>RIGHT EYE (OD)</source>
        <translation>OJO DERECHO (OD)</translation>
    </message>
    <message>
        <source>LEFT EYE (OS)</source>
        <translation>OJO IZQUIERDO (OI)</translation>
    </message>
    <message>
        <source>screened by {name}</source>
        <translation>revisado por {name}</translation>
    </message>
    <message>
        <source>Eye check for diabetes: your result</source>
        <translation>Revisión de los ojos por diabetes: su resultado</translation>
    </message>
    <message>
        <source>This is a screening result, not a diagnosis: only an eye doctor can examine your eyes and decide on treatment. Keep good control of your blood sugar and blood pressure, and come to every eye check.</source>
        <translation>Esto es un resultado de cribado, no un diagnóstico: solo un oftalmólogo puede examinar sus ojos y decidir el tratamiento. Mantenga bien controlados el azúcar en sangre y la presión arterial, y acuda a cada revisión de los ojos.</translation>
    </message>
    <message>
        <source>Screened at</source>
        <translation>Lugar de la revisión</translation>
    </message>
    <message>
        <source>Take this slip with you.</source>
        <translation>Lleve esta hoja consigo.</translation>
    </message>
    <message>
        <source>No graded photo</source>
        <translation>Ninguna foto clasificada</translation>
    </message>
    <message>
        <source>Found: {finding}</source>
        <translation>Resultado: {finding}</translation>
    </message>
    <message>
        <source>For the eye doctor and the staff:</source>
        <translation>Para el oftalmólogo y el personal:</translation>
    </message>
    <message>
        <source>Right eye (OD)</source>
        <translation>Ojo derecho (OD)</translation>
    </message>
    <message>
        <source>Left eye (OS)</source>
        <translation>Ojo izquierdo (OI)</translation>
    </message>
    <message>
        <source>refer: yes (score above the screening threshold, DR not ruled out)</source>
        <translation>derivar: sí (puntuación sobre el umbral de cribado, RD no descartada)</translation>
    </message>
    <message>
        <source>refer: yes</source>
        <translation>derivar: sí</translation>
    </message>
    <message>
        <source>refer: no</source>
        <translation>derivar: no</translation>
    </message>
    <message>
        <source>Grade: {grade}</source>
        <translation>Grado: {grade}</translation>
    </message>
    <message>
        <source>UNGRADABLE</source>
        <translation>NO CLASIFICABLE</translation>
    </message>
    <message>
        <source>Likelihood of referable DR: not available for this model</source>
        <translation>Probabilidad de RD que requiere derivación: no disponible para este modelo</translation>
    </message>
    <message>
        <source>Likelihood of referable DR: {percent}</source>
        <translation>Probabilidad de RD que requiere derivación: {percent}</translation>
    </message>
    <message numerus="yes">
        <source>From %n photo(s); the worst grade counts.</source>
        <translation>
            <numerusform>A partir de %n foto; cuenta el peor grado.</numerusform>
            <numerusform>A partir de %n fotos; cuenta el peor grado.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ResultDetails</name>
    <message>
        <source>Details of the grading</source>
        <translation>Detalles de la clasificación</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modelo</translation>
    </message>
    <message>
        <source>Combined score</source>
        <translation>Puntuación combinada</translation>
    </message>
    <message>
        <source>{score} → grade {grade}</source>
        <translation>{score} → grado {grade}</translation>
    </message>
    <message>
        <source>{grade} from {cut}</source>
        <translation>{grade} desde {cut}</translation>
    </message>
    <message>
        <source>Cut points</source>
        <translation>Puntos de corte</translation>
    </message>
    <message>
        <source>Referral threshold</source>
        <translation>Umbral de derivación</translation>
    </message>
    <message>
        <source>refer from {threshold}, whatever the grade (the screening point, set for sensitivity on calibration photos)</source>
        <translation>derivar desde {threshold}, sea cual sea el grado (el punto de cribado, fijado por sensibilidad en fotos de calibración)</translation>
    </message>
    <message>
        <source>Combiner</source>
        <translation>Combinador</translation>
    </message>
    <message>
        <source>score = weights ({weights}) · [regression, classifier&apos;s expected grade, sum of ordinal] + {bias}</source>
        <translation>puntuación = pesos ({weights}) · [regresión, grado esperado del clasificador, suma ordinal] + {bias}</translation>
    </message>
    <message>
        <source>Regression head</source>
        <translation>Cabeza de regresión</translation>
    </message>
    <message>
        <source>Ordinal head</source>
        <translation>Cabeza ordinal</translation>
    </message>
    <message>
        <source>Classifier head, per grade (one of the three inputs of the score, not the result):</source>
        <translation>Cabeza clasificadora, por grado (una de las tres entradas de la puntuación, no el resultado):</translation>
    </message>
    <message>
        <source>The regression and ordinal outputs were not stored for this result (graded by an older version of dr-screen).</source>
        <translation>Las salidas de regresión y ordinal no se guardaron para este resultado (clasificado por una versión anterior de dr-screen).</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
</context>
<context>
    <name>SetupDialog</name>
    <message>
        <source>Welcome to dr-screen. Everything it keeps on this laptop is encrypted with a passphrase, asked for each time it starts. Then each person signs in with their own account and PIN.</source>
        <translation>Bienvenido a dr-screen. Todo lo que guarda en este portátil se cifra con una frase de contraseña, que se pide cada vez que se inicia. Después, cada persona inicia sesión con su propia cuenta y su PIN.</translation>
    </message>
    <message>
        <source>

The records already on this laptop are not encrypted yet: they will be encrypted now, and the plain copies removed.</source>
        <translation>

Los registros que ya están en este portátil aún no están cifrados: se cifrarán ahora y se quitarán las copias sin cifrar.</translation>
    </message>
    <message>
        <source>Set up dr-screen</source>
        <translation>Configurar dr-screen</translation>
    </message>
    <message>
        <source>Set up</source>
        <translation>Configurar</translation>
    </message>
    <message>
        <source>at least 10 characters, e.g. four words</source>
        <translation>al menos 10 caracteres, p. ej. cuatro palabras</translation>
    </message>
    <message>
        <source>e.g. the camp lead&apos;s name</source>
        <translation>p. ej. el nombre del responsable de la campaña</translation>
    </message>
    <message>
        <source>4 to 12 digits</source>
        <translation>de 4 a 12 cifras</translation>
    </message>
    <message>
        <source>e.g. District Eye Hospital, Melur (Mon-Sat 9-13)</source>
        <translation>p. ej. Hospital Oftalmológico del Distrito, Melur (lun-sáb 9-13)</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Frase de contraseña</translation>
    </message>
    <message>
        <source>Passphrase again</source>
        <translation>Frase de contraseña otra vez</translation>
    </message>
    <message>
        <source>Administrator&apos;s name</source>
        <translation>Nombre del administrador</translation>
    </message>
    <message>
        <source>Administrator&apos;s PIN</source>
        <translation>PIN del administrador</translation>
    </message>
    <message>
        <source>PIN again</source>
        <translation>PIN otra vez</translation>
    </message>
    <message>
        <source>Referral hospital</source>
        <translation>Hospital de derivación</translation>
    </message>
    <message>
        <source>Where patients who need an eye doctor go: printed on their referral slip. An administrator can change it later (Admin menu).</source>
        <translation>Adónde van los pacientes que necesitan un oftalmólogo: se imprime en su hoja de derivación. Un administrador puede cambiarlo más tarde (menú Administrar).</translation>
    </message>
    <message>
        <source>The two passphrases differ.</source>
        <translation>Las dos frases de contraseña no coinciden.</translation>
    </message>
    <message>
        <source>The two PINs differ.</source>
        <translation>Los dos PIN no coinciden.</translation>
    </message>
</context>
<context>
    <name>SyncMenu</name>
    <message>
        <source>&amp;Sync</source>
        <translation>&amp;Sincronizar</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>Sincronizar ahora</translation>
    </message>
    <message>
        <source>Sync settings…</source>
        <translation>Ajustes de sincronización…</translation>
    </message>
    <message>
        <source>Administrators only</source>
        <translation>Solo administradores</translation>
    </message>
    <message>
        <source>sync settings damaged: enter them again in Sync settings</source>
        <translation>ajustes de sincronización dañados: vuelva a escribirlos en Ajustes de sincronización</translation>
    </message>
    <message>
        <source>not synced: {records}</source>
        <translation>sin sincronizar: {records}</translation>
    </message>
    <message>
        <source>all records synced</source>
        <translation>todos los registros sincronizados</translation>
    </message>
    <message numerus="yes">
        <source>not synced: %n record(s)</source>
        <translation>
            <numerusform>sin sincronizar: %n registro</numerusform>
            <numerusform>sin sincronizar: %n registros</numerusform>
        </translation>
    </message>
    <message>
        <source>last sync {time} UTC</source>
        <translation>última sincronización {time} UTC</translation>
    </message>
    <message>
        <source>never synced</source>
        <translation>nunca sincronizado</translation>
    </message>
    <message>
        <source>last try failed</source>
        <translation>el último intento falló</translation>
    </message>
    <message numerus="yes">
        <source>%n camp session(s)</source>
        <translation>
            <numerusform>%n sesión de campaña</numerusform>
            <numerusform>%n sesiones de campaña</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n patient(s)</source>
        <translation>
            <numerusform>%n paciente</numerusform>
            <numerusform>%n pacientes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s)</source>
        <translation>
            <numerusform>%n foto</numerusform>
            <numerusform>%n fotos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n result(s)</source>
        <translation>
            <numerusform>%n resultado</numerusform>
            <numerusform>%n resultados</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n photo correction(s)</source>
        <translation>
            <numerusform>%n corrección de foto</numerusform>
            <numerusform>%n correcciones de fotos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n audit event(s)</source>
        <translation>
            <numerusform>%n evento de auditoría</numerusform>
            <numerusform>%n eventos de auditoría</numerusform>
        </translation>
    </message>
    <message>
        <source>Sync did not start</source>
        <translation>La sincronización no empezó</translation>
    </message>
    <message>
        <source>Sending records to the hospital hub…</source>
        <translation>Enviando registros al servidor del hospital…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Sincronización</translation>
    </message>
    <message>
        <source>Stopping after the request on the wire…</source>
        <translation>Deteniendo tras la petición en curso…</translation>
    </message>
    <message>
        <source>Sync finished</source>
        <translation>Sincronización terminada</translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) sent and confirmed by the hub.</source>
        <translation>
            <numerusform>%n registro enviado y confirmado por el servidor.</numerusform>
            <numerusform>%n registros enviados y confirmados por el servidor.</numerusform>
        </translation>
    </message>
    <message>
        <source>Sync stopped</source>
        <translation>Sincronización detenida</translation>
    </message>
    <message>
        <source>Sync did not finish</source>
        <translation>La sincronización no terminó</translation>
    </message>
    <message>
        <source>Sync settings</source>
        <translation>Ajustes de sincronización</translation>
    </message>
    <message>
        <source>(unchanged)</source>
        <translation>(sin cambios)</translation>
    </message>
    <message>
        <source>dstok_… from the hospital</source>
        <translation>dstok_… del hospital</translation>
    </message>
    <message>
        <source>Hub address</source>
        <translation>Dirección del servidor</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>Token</translation>
    </message>
    <message>
        <source>Last sync error: {error}</source>
        <translation>Último error de sincronización: {error}</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Guardar</translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <source>dr-screen is locked</source>
        <translation>dr-screen está bloqueado</translation>
    </message>
    <message>
        <source>Enter the passphrase of this laptop&apos;s records.</source>
        <translation>Escriba la frase de contraseña de los registros de este portátil.</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>Desbloquear</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Frase de contraseña</translation>
    </message>
    <message>
        <source>Forgotten the passphrase? Use the recovery key…</source>
        <translation>¿Olvidó la frase de contraseña? Use la clave de recuperación…</translation>
    </message>
</context>
<context>
    <name>UserDialog</name>
    <message>
        <source>Change account</source>
        <translation>Cambiar cuenta</translation>
    </message>
    <message>
        <source>Add account</source>
        <translation>Añadir cuenta</translation>
    </message>
    <message>
        <source>Technicians screen; administrators also manage accounts, sync, retention and backups.</source>
        <translation>Los técnicos hacen el cribado; los administradores además gestionan cuentas, sincronización, conservación y copias de seguridad.</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Guardar</translation>
    </message>
    <message>
        <source>active</source>
        <translation>activa</translation>
    </message>
    <message>
        <source>disabled (cannot sign in)</source>
        <translation>desactivada (no puede iniciar sesión)</translation>
    </message>
    <message>
        <source>(unchanged)</source>
        <translation>(sin cambios)</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Función</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Cuenta</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>PIN again</source>
        <translation>PIN otra vez</translation>
    </message>
    <message>
        <source>The two PINs differ.</source>
        <translation>Los dos PIN no coinciden.</translation>
    </message>
</context>
<context>
    <name>UsersDialog</name>
    <message>
        <source>Accounts</source>
        <translation>Cuentas</translation>
    </message>
    <message>
        <source>Add account…</source>
        <translation>Añadir cuenta…</translation>
    </message>
    <message>
        <source>Change selected…</source>
        <translation>Cambiar la seleccionada…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source> — disabled</source>
        <translation> — desactivada</translation>
    </message>
</context>
<context>
    <name>advice</name>
    <message>
        <source>No DR: no referral</source>
        <translation>Sin RD: no derivar</translation>
    </message>
    <message>
        <source>No diabetic retinopathy seen. Rescreen in 1 to 2 years.</source>
        <translation>No se ve retinopatía diabética. Nuevo cribado en 1 a 2 años.</translation>
    </message>
    <message>
        <source>Rescreen in 1 to 2 years</source>
        <translation>Nuevo cribado en 1 a 2 años</translation>
    </message>
    <message>
        <source>No signs of diabetic eye disease were found.</source>
        <translation>No se encontraron signos de enfermedad de los ojos por diabetes.</translation>
    </message>
    <message>
        <source>Have your eyes checked again in 1 to 2 years, or sooner if your sight changes.</source>
        <translation>Vuelva a revisarse los ojos en 1 a 2 años, o antes si su vista cambia.</translation>
    </message>
    <message>
        <source>Mild DR: no referral</source>
        <translation>RD leve: no derivar</translation>
    </message>
    <message>
        <source>Mild diabetic retinopathy. Rescreen in 1 year; advise good sugar and blood-pressure control.</source>
        <translation>Retinopatía diabética leve. Nuevo cribado en 1 año; aconseje un buen control del azúcar y de la presión arterial.</translation>
    </message>
    <message>
        <source>Rescreen in 1 year</source>
        <translation>Nuevo cribado en 1 año</translation>
    </message>
    <message>
        <source>Early, mild signs of diabetic eye disease were found.</source>
        <translation>Se encontraron signos iniciales y leves de enfermedad de los ojos por diabetes.</translation>
    </message>
    <message>
        <source>You do not need to see an eye doctor now. Keep your blood sugar and blood pressure under control, and have your eyes checked again in 1 year.</source>
        <translation>No necesita ver a un oftalmólogo ahora. Mantenga controlados el azúcar en sangre y la presión arterial, y vuelva a revisarse los ojos en 1 año.</translation>
    </message>
    <message>
        <source>REFER: possible DR, to be confirmed</source>
        <translation>DERIVAR: posible RD, a confirmar</translation>
    </message>
    <message>
        <source>The grade is below moderate, but the model&apos;s score is above its screening threshold, where referable diabetic retinopathy is not ruled out. Refer to an ophthalmologist within 3 to 6 months to confirm.</source>
        <translation>El grado es inferior a moderado, pero la puntuación del modelo supera su umbral de cribado, donde no se descarta una retinopatía diabética derivable. Derivar a un oftalmólogo en un plazo de 3 a 6 meses para confirmarlo.</translation>
    </message>
    <message>
        <source>The photos show signs that need an eye doctor to check.</source>
        <translation>Las fotos muestran signos que un oftalmólogo debe revisar.</translation>
    </message>
    <message>
        <source>Go to an eye doctor within 3 to 6 months.</source>
        <translation>Acuda a un oftalmólogo en un plazo de 3 a 6 meses.</translation>
    </message>
    <message>
        <source>UNGRADABLE: retake now</source>
        <translation>NO CLASIFICABLE: repetir ahora</translation>
    </message>
    <message>
        <source>The photo cannot be graded. Retake it now (clean the lens, dilate the pupil if allowed). If it is still ungradable, refer to an eye doctor within 1 month.</source>
        <translation>La foto no se puede clasificar. Repítala ahora (limpie la lente, dilate la pupila si está permitido). Si sigue sin ser clasificable, derive al oftalmólogo en menos de 1 mes.</translation>
    </message>
    <message>
        <source>Retake now; if still ungradable, within 1 month</source>
        <translation>Repetir ahora; si sigue sin ser clasificable, en menos de 1 mes</translation>
    </message>
    <message>
        <source>The photos of your eyes were not clear enough to be read.</source>
        <translation>Las fotos de sus ojos no eran lo bastante claras para leerlas.</translation>
    </message>
    <message>
        <source>Go to an eye doctor within 1 month, to have your eyes examined.</source>
        <translation>Acuda a un oftalmólogo en menos de 1 mes para que le examinen los ojos.</translation>
    </message>
    <message>
        <source>UNGRADABLE after a retake: REFER</source>
        <translation>NO CLASIFICABLE tras repetir: DERIVAR</translation>
    </message>
    <message>
        <source>The retake could not be graded either. Refer to an eye doctor within 1 month, and give the patient the referral slip.</source>
        <translation>La foto repetida tampoco se pudo clasificar. Derive a un oftalmólogo en menos de 1 mes y entregue al paciente la hoja de derivación.</translation>
    </message>
    <message>
        <source>Within 1 month</source>
        <translation>En menos de 1 mes</translation>
    </message>
    <message>
        <source>REFER: moderate DR</source>
        <translation>DERIVAR: RD moderada</translation>
    </message>
    <message>
        <source>Moderate diabetic retinopathy. Refer to an ophthalmologist within 3 to 6 months.</source>
        <translation>Retinopatía diabética moderada. Derive a un oftalmólogo en un plazo de 3 a 6 meses.</translation>
    </message>
    <message>
        <source>Within 3 to 6 months</source>
        <translation>En un plazo de 3 a 6 meses</translation>
    </message>
    <message>
        <source>Signs of diabetic eye disease were found.</source>
        <translation>Se encontraron signos de enfermedad de los ojos por diabetes.</translation>
    </message>
    <message>
        <source>Go to an eye doctor within 3 to 6 months. Treatment can protect your sight.</source>
        <translation>Acuda a un oftalmólogo en un plazo de 3 a 6 meses. El tratamiento puede proteger su vista.</translation>
    </message>
    <message>
        <source>REFER SOON: severe DR</source>
        <translation>DERIVAR PRONTO: RD grave</translation>
    </message>
    <message>
        <source>Severe non-proliferative diabetic retinopathy. Refer to an ophthalmologist within weeks (less than 3 months).</source>
        <translation>Retinopatía diabética no proliferativa grave. Derive a un oftalmólogo en unas semanas (menos de 3 meses).</translation>
    </message>
    <message>
        <source>Within weeks (less than 3 months)</source>
        <translation>En unas semanas (menos de 3 meses)</translation>
    </message>
    <message>
        <source>Serious signs of diabetic eye disease were found.</source>
        <translation>Se encontraron signos graves de enfermedad de los ojos por diabetes.</translation>
    </message>
    <message>
        <source>Go to an eye doctor soon: within a few weeks, and before 3 months have passed. Treatment can protect your sight.</source>
        <translation>Acuda pronto a un oftalmólogo: en unas semanas, y antes de que pasen 3 meses. El tratamiento puede proteger su vista.</translation>
    </message>
    <message>
        <source>URGENT REFERRAL: proliferative DR</source>
        <translation>DERIVACIÓN URGENTE: RD proliferativa</translation>
    </message>
    <message>
        <source>Proliferative diabetic retinopathy: risk of blindness. Refer URGENTLY, within 1 month.</source>
        <translation>Retinopatía diabética proliferativa: riesgo de ceguera. Derive con URGENCIA, en menos de 1 mes.</translation>
    </message>
    <message>
        <source>URGENT: within 1 month</source>
        <translation>URGENTE: en menos de 1 mes</translation>
    </message>
    <message>
        <source>Advanced diabetic eye disease was found. It can cause blindness.</source>
        <translation>Se encontró una enfermedad de los ojos por diabetes avanzada. Puede causar ceguera.</translation>
    </message>
    <message>
        <source>Go to an eye doctor URGENTLY, within 1 month. Treatment can save your sight.</source>
        <translation>Acuda a un oftalmólogo con URGENCIA, en menos de 1 mes. El tratamiento puede salvar su vista.</translation>
    </message>
    <message>
        <source>Not finished</source>
        <translation>Sin terminar</translation>
    </message>
    <message>
        <source>Add and grade a photo of each eye.</source>
        <translation>Añada y clasifique una foto de cada ojo.</translation>
    </message>
    <message>
        <source>no signs of diabetic eye disease</source>
        <translation>sin signos de enfermedad de los ojos por diabetes</translation>
    </message>
    <message>
        <source>mild signs of diabetic eye disease</source>
        <translation>signos leves de enfermedad de los ojos por diabetes</translation>
    </message>
    <message>
        <source>signs that need an eye doctor to check</source>
        <translation>signos que un oftalmólogo debe revisar</translation>
    </message>
    <message>
        <source>the photo was not clear enough to be read</source>
        <translation>la foto no era lo bastante clara para leerla</translation>
    </message>
    <message>
        <source>signs of diabetic eye disease</source>
        <translation>signos de enfermedad de los ojos por diabetes</translation>
    </message>
    <message>
        <source>serious signs of diabetic eye disease</source>
        <translation>signos graves de enfermedad de los ojos por diabetes</translation>
    </message>
    <message>
        <source>advanced diabetic eye disease</source>
        <translation>enfermedad de los ojos por diabetes avanzada</translation>
    </message>
    <message>
        <source>the eye hospital of your screening programme (ask the camp staff which one)</source>
        <translation>el hospital oftalmológico de su programa de cribado (pregunte cuál al personal de la campaña)</translation>
    </message>
</context>
<context>
    <name>backup</name>
    <message>
        <source>{name} (taken {time} UTC)</source>
        <translation>{name} (hecha el {time} UTC)</translation>
    </message>
    <message>
        <source>The backup of the database was not made: the copy failed its integrity check. Try again.</source>
        <translation>No se hizo la copia de seguridad de la base de datos: la copia no superó la comprobación de integridad. Inténtelo de nuevo.</translation>
    </message>
    <message>
        <source>The backup of the database was not made ({reason}). Check the free disk space.</source>
        <translation>No se hizo la copia de seguridad de la base de datos ({reason}). Revise el espacio libre en el disco.</translation>
    </message>
    <message>
        <source>The backup {name} is damaged too ({problem}); choose an older one.</source>
        <translation>La copia de seguridad {name} también está dañada ({problem}); elija una más antigua.</translation>
    </message>
    <message>
        <source>The backup could not be restored ({reason}). Nothing was deleted.</source>
        <translation>No se pudo restaurar la copia de seguridad ({reason}). No se borró nada.</translation>
    </message>
</context>
<context>
    <name>caution</name>
    <message>
        <source>Screening support only: this model is not proven to decide referrals on its own. Have a grader read every photo.</source>
        <translation>Solo apoyo al cribado: no está demostrado que este modelo pueda decidir derivaciones por sí solo. Haga que un evaluador lea cada foto.</translation>
    </message>
    <message>
        <source>Screening support only: this model is not proven to decide referrals on its own. Tested on {eyes} eye photos from other cameras, it missed up to {missed}% of the eyes that needed an eye doctor, and also referred up to {extra}% of the eyes that did not. Have a grader read every photo.</source>
        <translation>Solo apoyo al cribado: no está demostrado que este modelo pueda decidir derivaciones por sí solo. Probado con fotos de {eyes} ojos de otras cámaras, pasó por alto hasta el {missed} % de los ojos que necesitaban un oftalmólogo, y derivó también hasta el {extra} % de los que no lo necesitaban. Haga que un evaluador lea cada foto.</translation>
    </message>
    <message>
        <source>Referable-DR AUC on photo sets from other cameras ({eyes} eyes): {aucs}.</source>
        <translation>AUC de RD que requiere derivación en conjuntos de fotos de otras cámaras ({eyes} ojos): {aucs}.</translation>
    </message>
</context>
<context>
    <name>corrections</name>
    <message>
        <source>Choose the patient to move the photo to.</source>
        <translation>Elija el paciente al que mover la foto.</translation>
    </message>
    <message>
        <source>Write why the photo is corrected.</source>
        <translation>Escriba por qué se corrige la foto.</translation>
    </message>
    <message>
        <source>That photo is not on a patient any more.</source>
        <translation>Esa foto ya no está asignada a ningún paciente.</translation>
    </message>
    <message>
        <source>The photo is already on that eye.</source>
        <translation>La foto ya está en ese ojo.</translation>
    </message>
</context>
<context>
    <name>grades</name>
    <message>
        <source>No DR</source>
        <translation>Sin RD</translation>
    </message>
    <message>
        <source>Mild</source>
        <translation>Leve</translation>
    </message>
    <message>
        <source>Moderate</source>
        <translation>Moderada</translation>
    </message>
    <message>
        <source>Severe NPDR</source>
        <translation>RDNP grave</translation>
    </message>
    <message>
        <source>Proliferative DR</source>
        <translation>RD proliferativa</translation>
    </message>
    <message>
        <source>Ungradable</source>
        <translation>No clasificable</translation>
    </message>
</context>
<context>
    <name>image</name>
    <message>
        <source>{name}: {width}x{height} pixels is more than the {limit} MP limit; this is not a fundus camera photo</source>
        <translation>{name}: {width}x{height} píxeles supera el límite de {limit} MP; no es una foto de cámara de fondo de ojo</translation>
    </message>
    <message>
        <source>{name}: file not found</source>
        <translation>{name}: no se encuentra el archivo</translation>
    </message>
    <message>
        <source>{name}: no permission to read the file</source>
        <translation>{name}: no hay permiso para leer el archivo</translation>
    </message>
    <message>
        <source>{name}: cannot read the file ({reason})</source>
        <translation>{name}: no se puede leer el archivo ({reason})</translation>
    </message>
    <message>
        <source>{name}: is a folder, not a photo</source>
        <translation>{name}: es una carpeta, no una foto</translation>
    </message>
    <message>
        <source>{name}: the file is empty (0 bytes); copy the photo again</source>
        <translation>{name}: el archivo está vacío (0 bytes); copie la foto de nuevo</translation>
    </message>
    <message>
        <source>{name}: file of {mb} MB is too large for a photo</source>
        <translation>{name}: un archivo de {mb} MB es demasiado grande para una foto</translation>
    </message>
    <message>
        <source>{name}: image dimensions are too large</source>
        <translation>{name}: las dimensiones de la imagen son demasiado grandes</translation>
    </message>
    <message>
        <source>{name}: not a readable image (JPEG, PNG, TIFF or BMP expected)</source>
        <translation>{name}: no es una imagen legible (se espera JPEG, PNG, TIFF o BMP)</translation>
    </message>
    <message>
        <source>{name}: {format} images are not supported; use JPEG, PNG, TIFF or BMP</source>
        <translation>{name}: las imágenes {format} no son compatibles; use JPEG, PNG, TIFF o BMP</translation>
    </message>
    <message>
        <source>{name}: the photo is incomplete (truncated file); copy it again</source>
        <translation>{name}: la foto está incompleta (archivo truncado); cópiela de nuevo</translation>
    </message>
    <message>
        <source>{name}: the image data is damaged or incomplete</source>
        <translation>{name}: los datos de la imagen están dañados o incompletos</translation>
    </message>
    <message>
        <source>{name}: the image data could not be decoded</source>
        <translation>{name}: no se pudieron descodificar los datos de la imagen</translation>
    </message>
</context>
<context>
    <name>quality</name>
    <message>
        <source>no fundus found: the photo is dark or the retina is missing</source>
        <translation>no se encuentra el fondo de ojo: la foto está oscura o falta la retina</translation>
    </message>
    <message>
        <source>no fundus found: no round retina image in the photo</source>
        <translation>no se encuentra el fondo de ojo: no hay una imagen redonda de la retina en la foto</translation>
    </message>
    <message>
        <source>no fundus found: this does not look like a retina photo (no dark border)</source>
        <translation>no se encuentra el fondo de ojo: no parece una foto de retina (sin borde oscuro)</translation>
    </message>
    <message>
        <source>too dark: increase the flash or dilate the pupil, then retake</source>
        <translation>demasiado oscura: aumente el flash o dilate la pupila y repita la foto</translation>
    </message>
    <message>
        <source>overexposed: lower the flash, then retake</source>
        <translation>sobreexpuesta: baje el flash y repita la foto</translation>
    </message>
    <message>
        <source>too blurred: refocus the camera and keep the patient still, then retake</source>
        <translation>demasiado borrosa: vuelva a enfocar la cámara, pida al paciente que no se mueva y repita la foto</translation>
    </message>
</context>
<context>
    <name>referral</name>
    <message>
        <source>Name the eye hospital where referred patients go, with its town (2 to {max} characters): it is printed on their referral slip.</source>
        <translation>Escriba el hospital oftalmológico adonde van los pacientes derivados, con su localidad (de 2 a {max} caracteres): se imprime en su hoja de derivación.</translation>
    </message>
</context>
<context>
    <name>retention</name>
    <message>
        <source>Keep records between 1 and 3650 days after the hub confirmed them.</source>
        <translation>Conserve los registros entre 1 y 3650 días después de que el servidor los confirme.</translation>
    </message>
</context>
<context>
    <name>sealed</name>
    <message>
        <source>That is not a dr-screen hub key (hub-export.pub, from `hub setup` on the hub server).</source>
        <translation>Eso no es una clave de servidor de dr-screen (hub-export.pub, de `hub setup` en el servidor).</translation>
    </message>
</context>
<context>
    <name>store</name>
    <message>
        <source>right eye</source>
        <translation>ojo derecho</translation>
    </message>
    <message>
        <source>left eye</source>
        <translation>ojo izquierdo</translation>
    </message>
    <message>
        <source>The disk is full, so nothing was saved for this step. Free some space (or move old exports off this computer), then try again.</source>
        <translation>El disco está lleno, así que no se guardó nada de este paso. Libere espacio (o saque exportaciones antiguas de este ordenador) e inténtelo de nuevo.</translation>
    </message>
    <message>
        <source>The disk is full, so the photo was not saved. Free some space (or move old exports off this computer), then try again.</source>
        <translation>El disco está lleno, así que la foto no se guardó. Libere espacio (o saque exportaciones antiguas de este ordenador) e inténtelo de nuevo.</translation>
    </message>
    <message>
        <source>dr-screen cannot write its data folder {folder} ({reason}). Choose a folder this user may write (--data-dir, or $DR_SCREEN_DATA), or ask for its permissions to be fixed.</source>
        <translation>dr-screen no puede escribir en su carpeta de datos {folder} ({reason}). Elija una carpeta en la que este usuario pueda escribir (--data-dir o $DR_SCREEN_DATA), o pida que corrijan sus permisos.</translation>
    </message>
    <message>
        <source>dr-screen cannot use its data folder {folder} ({reason}). Choose a folder this user may write (--data-dir, or $DR_SCREEN_DATA), or ask for its permissions to be fixed.</source>
        <translation>dr-screen no puede usar su carpeta de datos {folder} ({reason}). Elija una carpeta en la que este usuario pueda escribir (--data-dir o $DR_SCREEN_DATA), o pida que corrijan sus permisos.</translation>
    </message>
    <message>
        <source>There is no backup to restore in {folder}.</source>
        <translation>No hay ninguna copia de seguridad que restaurar en {folder}.</translation>
    </message>
    <message>
        <source>{name} is too large for a photo.</source>
        <translation>{name} es demasiado grande para ser una foto.</translation>
    </message>
    <message>
        <source>{name} changed while it was being read (is the camera still saving it?). Add it again.</source>
        <translation>{name} cambió mientras se leía (¿la cámara aún la está guardando?). Añádala de nuevo.</translation>
    </message>
    <message>
        <source>The photo file {name} in the data folder cannot be read ({reason}). Restore the data folder from a copy.</source>
        <translation>No se puede leer el archivo de foto {name} de la carpeta de datos ({reason}). Restaure la carpeta de datos desde una copia.</translation>
    </message>
    <message>
        <source>The photo file {name} in the data folder is damaged.</source>
        <translation>El archivo de foto {name} de la carpeta de datos está dañado.</translation>
    </message>
    <message>
        <source>dr-screen is already running on this data (process {process}), so this copy cannot open it: {folder}. Close the other dr-screen window or batch job first, then try again.</source>
        <translation>dr-screen ya se está ejecutando con estos datos (proceso {process}), así que esta copia no puede abrirlos: {folder}. Cierre primero la otra ventana de dr-screen o el proceso por lotes e inténtelo de nuevo.</translation>
    </message>
    <message>
        <source>The newest backup is {backup}: restore it with `{command}` (the damaged file is kept beside it), then check the last records.</source>
        <translation>La copia de seguridad más reciente es {backup}: restáurela con `{command}` (el archivo dañado se conserva a su lado) y después revise los últimos registros.</translation>
    </message>
    <message>
        <source>There is no backup of it. Keep the data folder exactly as it is and ask for help.</source>
        <translation>No hay ninguna copia de seguridad. Deje la carpeta de datos exactamente como está y pida ayuda.</translation>
    </message>
    <message>
        <source>The database {file} is damaged ({detail}), so dr-screen does not use it and changed nothing. {offer}</source>
        <translation>La base de datos {file} está dañada ({detail}), así que dr-screen no la usa y no cambió nada. {offer}</translation>
    </message>
    <message>
        <source>This database was written by a newer dr-screen (schema {found}, this program knows {known}). Update dr-screen to open it.</source>
        <translation>Esta base de datos la escribió un dr-screen más reciente (esquema {found}; este programa conoce el {known}). Actualice dr-screen para abrirla.</translation>
    </message>
    <message>
        <source>Nobody is signed in, so nothing was changed. Sign in with your PIN first.</source>
        <translation>No hay nadie con la sesión iniciada, así que no se cambió nada. Inicie sesión con su PIN primero.</translation>
    </message>
    <message>
        <source>Enter the camp site and the operator&apos;s name.</source>
        <translation>Escriba el lugar de la campaña y el nombre del operador.</translation>
    </message>
    <message>
        <source>The camp date must look like 2025-01-31, not {date}.</source>
        <translation>La fecha de la campaña debe tener la forma 2025-01-31, no {date}.</translation>
    </message>
    <message>
        <source>Choose a camp session first.</source>
        <translation>Elija primero una sesión de campaña.</translation>
    </message>
    <message>
        <source>This patient ID is already registered in this camp. Open that patient from the list, or check the ID.</source>
        <translation>Este ID de paciente ya está registrado en esta campaña. Abra ese paciente desde la lista o revise el ID.</translation>
    </message>
    <message>
        <source>This patient ID is already used by another patient in this camp.</source>
        <translation>Este ID de paciente ya lo usa otro paciente de esta campaña.</translation>
    </message>
    <message>
        <source>This photo belongs to a record that was deleted or removed from this laptop after it reached the hospital, so it is not used again. Take a new photo.</source>
        <translation>Esta foto pertenece a un registro que se borró, o que se quitó de este portátil después de llegar al hospital, así que no se vuelve a usar. Tome una foto nueva.</translation>
    </message>
    <message>
        <source>This photo is already saved for another patient or eye ({eye}). Choose the right photo, or take a new one.</source>
        <translation>Esta foto ya está guardada para otro paciente u otro ojo ({eye}). Elija la foto correcta o tome una nueva.</translation>
    </message>
    <message>
        <source>That patient no longer exists.</source>
        <translation>Ese paciente ya no existe.</translation>
    </message>
    <message>
        <source>That photo is not stored yet.</source>
        <translation>Esa foto aún no está guardada.</translation>
    </message>
    <message>
        <source>Enter the patient ID.</source>
        <translation>Escriba el ID del paciente.</translation>
    </message>
    <message>
        <source>Enter the patient&apos;s name.</source>
        <translation>Escriba el nombre del paciente.</translation>
    </message>
    <message>
        <source>Age must be a whole number of years.</source>
        <translation>La edad debe ser un número entero de años.</translation>
    </message>
    <message>
        <source>Age must be between 1 and 120 years.</source>
        <translation>La edad debe estar entre 1 y 120 años.</translation>
    </message>
    <message>
        <source>Choose the patient&apos;s sex.</source>
        <translation>Elija el sexo del paciente.</translation>
    </message>
    <message>
        <source>Diabetes duration must be a number of years (or left empty).</source>
        <translation>La duración de la diabetes debe ser un número de años (o quedar vacía).</translation>
    </message>
    <message>
        <source>Diabetes duration must be between 0 and the patient&apos;s age.</source>
        <translation>La duración de la diabetes debe estar entre 0 y la edad del paciente.</translation>
    </message>
    <message>
        <source>Phone number may only contain digits, spaces, +, - and brackets.</source>
        <translation>El teléfono solo puede contener cifras, espacios, +, - y paréntesis.</translation>
    </message>
</context>
<context>
    <name>sync</name>
    <message>
        <source>Sync settings (Sync menu)</source>
        <translation>Ajustes de sincronización (menú Sincronizar)</translation>
    </message>
    <message>
        <source>Sync stopped. The records the hub confirmed so far stay synced; the rest go with the next sync.</source>
        <translation>Sincronización detenida. Los registros que el servidor ya confirmó siguen sincronizados; el resto irá en la próxima sincronización.</translation>
    </message>
    <message>
        <source>The sync settings are damaged or unreadable ({reason}), so nothing was sent. Enter the hub address and token again in {settings}; that replaces them.</source>
        <translation>Los ajustes de sincronización están dañados o no se pueden leer ({reason}), así que no se envió nada. Vuelva a escribir la dirección y el token del servidor en {settings}; eso los reemplaza.</translation>
    </message>
    <message>
        <source>Could not make the reduced copy of photo {name}.</source>
        <translation>No se pudo hacer la copia reducida de la foto {name}.</translation>
    </message>
    <message>
        <source>The photo file {file} in the data folder cannot be read ({reason}), so the sync stopped before it. Restore the data folder from a backup.</source>
        <translation>No se puede leer el archivo de foto {file} de la carpeta de datos ({reason}), así que la sincronización se detuvo antes de él. Restaure la carpeta de datos desde una copia de seguridad.</translation>
    </message>
    <message>
        <source>The hub address {url} is not valid. It looks like https://hub.example.org/screening (the server, then the database name).</source>
        <translation>La dirección del servidor {url} no es válida. Tiene la forma https://hub.example.org/screening (el servidor y luego el nombre de la base de datos).</translation>
    </message>
    <message>
        <source>The hub address must start with https://, so that patient data and the token travel encrypted. Plain http:// is only allowed for a hub on this computer.</source>
        <translation>La dirección del servidor debe empezar por https://, para que los datos de los pacientes y el token viajen cifrados. http:// sin cifrar solo se permite para un servidor en este mismo ordenador.</translation>
    </message>
    <message>
        <source>No hub token is set. Enter the token from the hospital in {settings}.</source>
        <translation>No hay token del servidor. Escriba el token del hospital en {settings}.</translation>
    </message>
    <message>
        <source>The hub at {url} has no table {table}: the address is wrong, or the hub is not set up yet (on the hub server: `python -m hub setup`, see docs/hub.md). Nothing more was sent.</source>
        <translation>El servidor en {url} no tiene la tabla {table}: la dirección es incorrecta o el servidor aún no está configurado (en el servidor: `python -m hub setup`, vea docs/hub.md). No se envió nada más.</translation>
    </message>
    <message>
        <source>The hub is set up for an older dr-screen: it lacks columns this laptop sends ({hub_said}). Nothing more was sent; ask the hospital&apos;s IT staff to run `python -m hub setup` on the hub server (docs/hub.md).</source>
        <translation>El servidor está configurado para un dr-screen anterior: le faltan columnas que envía este portátil ({hub_said}). No se envió nada más; pida al personal informático del hospital que ejecute `python -m hub setup` en el servidor (docs/hub.md).</translation>
    </message>
    <message>
        <source>The hub answered HTTP {status} for {path}.</source>
        <translation>El servidor respondió HTTP {status} para {path}.</translation>
    </message>
    <message>
        <source>The hub&apos;s {path} is larger than {limit} bytes; not downloaded.</source>
        <translation>El archivo {path} del servidor ocupa más de {limit} bytes; no se descargó.</translation>
    </message>
    <message>
        <source>Could not download {path} from the hub ({reason}).</source>
        <translation>No se pudo descargar {path} del servidor ({reason}).</translation>
    </message>
    <message>
        <source>The hub at {url} did not show a certificate this computer trusts, so nothing was sent. Ask the hospital&apos;s IT staff.</source>
        <translation>El servidor en {url} no presentó un certificado en el que confíe este ordenador, así que no se envió nada. Consulte al personal informático del hospital.</translation>
    </message>
    <message>
        <source>Could not reach the hub at {url} ({reason}). Check the network connection and try again later, or carry the records on a USB stick (sync export).</source>
        <translation>No se pudo contactar con el servidor en {url} ({reason}). Revise la conexión de red e inténtelo más tarde, o lleve los registros en una memoria USB (sync export).</translation>
    </message>
    <message>
        <source>The hub refused the token, so nothing more was sent. Ask the hospital for a new token for this laptop and enter it in {settings}. (Hub said: {hub_said})</source>
        <translation>El servidor rechazó el token, así que no se envió nada más. Pida al hospital un token nuevo para este portátil y escríbalo en {settings}. (El servidor dijo: {hub_said})</translation>
    </message>
    <message>
        <source>The hub did not accept the records (HTTP {status}: {hub_said}). Nothing more was sent; tell the hospital&apos;s IT staff.</source>
        <translation>El servidor no aceptó los registros (HTTP {status}: {hub_said}). No se envió nada más; avise al personal informático del hospital.</translation>
    </message>
    <message>
        <source>The answer from {url} was not the hub&apos;s confirmation ({problem}), so the records were not marked as sent. A proxy or a maintenance page may be in the way, or the address is not the hub&apos;s: tell the hospital&apos;s IT staff.</source>
        <translation>La respuesta de {url} no era la confirmación del servidor ({problem}), así que los registros no se marcaron como enviados. Puede haber un proxy o una página de mantenimiento en medio, o la dirección no es la del servidor: avise al personal informático del hospital.</translation>
    </message>
    <message>
        <source>no answer in time</source>
        <translation>no hubo respuesta a tiempo</translation>
    </message>
    <message>
        <source>no connection</source>
        <translation>sin conexión</translation>
    </message>
    <message>
        <source>the connection broke off</source>
        <translation>la conexión se cortó</translation>
    </message>
    <message>
        <source>No hub address is set. Enter it in {settings}.</source>
        <translation>No hay dirección del servidor. Escríbala en {settings}.</translation>
    </message>
</context>
<context>
    <name>sync_export</name>
    <message>
        <source>The hub key file {file} cannot be read ({reason}).</source>
        <translation>No se puede leer el archivo de clave del servidor {file} ({reason}).</translation>
    </message>
</context>
<context>
    <name>unlock</name>
    <message>
        <source>The records in {folder} could not be encrypted ({reason}); nothing plain was removed. Check the free disk space, then start dr-screen again.</source>
        <translation>No se pudieron cifrar los registros de {folder} ({reason}); no se quitó nada sin cifrar. Revise el espacio libre en el disco y vuelva a abrir dr-screen.</translation>
    </message>
    <message>
        <source>The backup {name} cannot be used ({problem}); choose an older one.</source>
        <translation>No se puede usar la copia de seguridad {name} ({problem}); elija una más antigua.</translation>
    </message>
    <message>
        <source>Only an administrator may restore a backup: that name and PIN are not an administrator&apos;s in this backup.</source>
        <translation>Solo un administrador puede restaurar una copia de seguridad: ese nombre y ese PIN no son de un administrador en esta copia.</translation>
    </message>
</context>
<context>
    <name>users</name>
    <message>
        <source>administrator</source>
        <translation>administrador</translation>
    </message>
    <message>
        <source>technician</source>
        <translation>técnico</translation>
    </message>
    <message>
        <source>A PIN is {min} to {max} digits (6 or more are harder to guess).</source>
        <translation>Un PIN tiene de {min} a {max} cifras (con 6 o más es más difícil de adivinar).</translation>
    </message>
    <message>
        <source>Enter a name of 1 to {max} characters for the account.</source>
        <translation>Escriba un nombre de 1 a {max} caracteres para la cuenta.</translation>
    </message>
    <message>
        <source>Only an administrator may do this. Ask an administrator to sign in.</source>
        <translation>Solo un administrador puede hacer esto. Pida a un administrador que inicie sesión.</translation>
    </message>
    <message>
        <source>There is already an account with that name.</source>
        <translation>Ya hay una cuenta con ese nombre.</translation>
    </message>
    <message>
        <source>This laptop already has accounts; an administrator adds new ones.</source>
        <translation>Este portátil ya tiene cuentas; las nuevas las añade un administrador.</translation>
    </message>
    <message>
        <source>There is no account with that name.</source>
        <translation>No hay ninguna cuenta con ese nombre.</translation>
    </message>
    <message>
        <source>This is the last active administrator: make another account an administrator first.</source>
        <translation>Es el último administrador activo: haga antes administrador a otra cuenta.</translation>
    </message>
    <message>
        <source>Wrong name or PIN.</source>
        <translation>Nombre o PIN incorrecto.</translation>
    </message>
    <message>
        <source>Too many wrong PINs: wait {seconds} s before the next try.</source>
        <translation>Demasiados PIN incorrectos: espere {seconds} s antes del próximo intento.</translation>
    </message>
    <message>
        <source>Wrong name or PIN. Wait {seconds} s before the next try.</source>
        <translation>Nombre o PIN incorrecto. Espere {seconds} s antes del próximo intento.</translation>
    </message>
    <message>
        <source>The idle lock must be between 1 and 120 minutes.</source>
        <translation>El bloqueo por inactividad debe estar entre 1 y 120 minutos.</translation>
    </message>
</context>
<context>
    <name>vault</name>
    <message>
        <source>The passphrase must have at least {min} characters; a few unrelated words are easy to remember and hard to guess.</source>
        <translation>La frase de contraseña debe tener al menos {min} caracteres; unas cuantas palabras sin relación entre sí son fáciles de recordar y difíciles de adivinar.</translation>
    </message>
    <message>
        <source>That passphrase is too easy to guess (a repeat, a sequence, a common password or a name). Use a few unrelated words, e.g. four words that have nothing to do with the camp.</source>
        <translation>Esa frase de contraseña es demasiado fácil de adivinar (una repetición, una secuencia, una contraseña común o un nombre). Use varias palabras sin relación, p. ej. cuatro palabras que no tengan nada que ver con la campaña.</translation>
    </message>
    <message>
        <source>That is not a recovery key: it has 32 letters and digits in groups of four (ABCD-EFGH-…). Check what was written down.</source>
        <translation>Eso no es una clave de recuperación: tiene 32 letras y cifras en grupos de cuatro (ABCD-EFGH-…). Revise lo que se anotó.</translation>
    </message>
    <message>
        <source>{file} is damaged or unreadable ({reason}). Without it the records cannot be opened: restore it from a copy of the data folder.</source>
        <translation>{file} está dañado o no se puede leer ({reason}). Sin él no se pueden abrir los registros: restáurelo desde una copia de la carpeta de datos.</translation>
    </message>
    <message>
        <source>{file} asks for weaker passphrase protection ({memory} KiB, {passes} passes) than dr-screen allows ({min_memory} KiB, {min_passes} passes). dr-screen never writes such a file: someone changed it, perhaps to make the passphrase easier to guess. The records were not opened. Unlock with the recovery key (`python -m desktop passphrase recover`), which sets the passphrase again with dr-screen&apos;s own protection, and tell the programme&apos;s administrator.</source>
        <translation>{file} pide una protección de la frase de contraseña más débil ({memory} KiB, {passes} pasadas) de la que dr-screen permite ({min_memory} KiB, {min_passes} pasadas). dr-screen nunca escribe un archivo así: alguien lo cambió, quizá para que la frase sea más fácil de adivinar. Los registros no se abrieron. Desbloquee con la clave de recuperación (`python -m desktop passphrase recover`), que vuelve a fijar la frase con la protección propia de dr-screen, y avise al administrador del programa.</translation>
    </message>
    <message>
        <source>Wrong passphrase. Check the keyboard language and Caps Lock, then try again. Forgotten? Use the recovery key.</source>
        <translation>Frase de contraseña incorrecta. Revise el idioma del teclado y Bloq Mayús e inténtelo de nuevo. ¿La olvidó? Use la clave de recuperación.</translation>
    </message>
    <message>
        <source>That recovery key does not open this laptop&apos;s records. Check what was written down (it belongs to one laptop).</source>
        <translation>Esa clave de recuperación no abre los registros de este portátil. Revise lo que se anotó (cada clave es de un solo portátil).</translation>
    </message>
    <message>
        <source>The database library in use is not SQLCipher, so nothing was opened (a plain SQLite library took its place: TensorFlow loaded before dr-screen&apos;s database does this). Start dr-screen on its own.</source>
        <translation>La biblioteca de base de datos en uso no es SQLCipher, así que no se abrió nada (una biblioteca SQLite sin cifrado ocupó su lugar: ocurre si TensorFlow se carga antes que la base de datos de dr-screen). Abra dr-screen por separado.</translation>
    </message>
</context>
</TS>

<?xml version="1.0" encoding="UTF-8"?>
<!--
  @brief Akoma Ntoso (3.0, its drafts, 2.0) → an HTML fragment: header,
  table of contents, and the text with its hierarchy, for any document type
  (act, bill, doc, documentCollection with components, portion…) and any
  namespace prefix: elements are matched by local name, as the extractor
  does.

  Anchors: the rule of indexer/extract_akn.cc, reproduced step by step in
  akn-anchors.xsl; the text and the table of contents: akn-body.xsl.
  No text is dropped: an element this stylesheet does not know shows its
  content; only meta (identification, notes of editors, lifecycle…) is left
  out, as the extractor leaves it out of the text.
-->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:cd="urn:x-coopdec:corpus:1"
                xmlns:lx="http://xmlsoft.org/XSLT/namespace"
                exclude-result-prefixes="cd lx">

  <xsl:include href="common.xsl"/>
  <xsl:include href="akn-anchors.xsl"/>
  <xsl:include href="akn-body.xsl"/>

  <xsl:variable name="meta" select="$d0/*[local-name() = 'meta']"/>
  <xsl:variable name="work" select="$meta/*[local-name() = 'identification']/*[local-name() = 'FRBRWork']"/>
  <xsl:variable name="expression" select="$meta/*[local-name() = 'identification']/*[local-name() = 'FRBRExpression']"/>

  <!-- Every docTitle: cheaper than searching a large document for one. -->
  <xsl:key name="akn-doc-title" match="*[local-name() = 'docTitle']" use="'all'"/>

  <!-- ===== Page ===== -->

  <xsl:template match="/">
    <xsl:variable name="demo" select="$meta/*[local-name() = 'proprietary']/cd:demonstration"/>
    <xsl:variable name="short" select="($d0/*[local-name() = 'preface'][1]//*[local-name() = 'shortTitle'])[1][normalize-space()]"/>
    <xsl:variable name="doc-title" select="key('akn-doc-title', 'all')[count(ancestor::* | $d0) = count(ancestor::*)][1][normalize-space()]"/>
    <xsl:variable name="long" select="$d0/*[local-name() = 'preface'][1]/*[local-name() = 'longTitle'][1][normalize-space()]"/>
    <xsl:variable name="title-element" select="$short | $doc-title[not($short)] | $long[not($short or $doc-title)]"/>
    <xsl:variable name="work-date" select="$work/*[local-name() = 'FRBRdate']/@date"/>
    <xsl:variable name="lang">
      <xsl:call-template name="lang-code">
        <xsl:with-param name="code" select="$expression/*[local-name() = 'FRBRlanguage']/@language"/>
      </xsl:call-template>
    </xsl:variable>
    <article class="doc doc-loi">
      <xsl:call-template name="doc-header">
        <xsl:with-param name="type-label"><xsl:call-template name="type-label"/></xsl:with-param>
        <xsl:with-param name="title"><xsl:call-template name="doc-title"><xsl:with-param name="doc" select="$d0"/></xsl:call-template></xsl:with-param>
        <xsl:with-param name="title-nodes"
                        select="$title-element/node()[not(local-name() = 'p')] | $title-element/*[local-name() = 'p']/node()"/>
        <xsl:with-param name="date">
          <xsl:choose>
            <xsl:when test="string($work-date) != ''"><xsl:value-of select="$work-date"/></xsl:when>
            <xsl:otherwise><xsl:value-of select="$expression/*[local-name() = 'FRBRdate']/@date"/></xsl:otherwise>
          </xsl:choose>
        </xsl:with-param>
        <xsl:with-param name="demo" select="boolean($demo)"/>
        <xsl:with-param name="notice" select="$demo[last()]"/>
      </xsl:call-template>
      <xsl:call-template name="pdf-only"/>
      <xsl:if test="count($anchors[@keep = '1']) &gt; 5">
        <nav class="toc" aria-label="Sommaire">
          <details open="open">
          <summary><h2>Sommaire</h2></summary>
          <ol><xsl:apply-templates select="/*/*" mode="toc"/></ol>
          </details>
        </nav>
      </xsl:if>
      <xsl:variable name="body"><xsl:apply-templates select="/*/*" mode="block"/></xsl:variable>
      <xsl:if test="normalize-space($body) != ''">
        <div class="doc-body">
          <xsl:if test="$lang != ''"><xsl:attribute name="lang"><xsl:value-of select="$lang"/></xsl:attribute></xsl:if>
          <xsl:copy-of select="$body"/>
        </div>
      </xsl:if>
    </article>
  </xsl:template>

  <xsl:template name="type-label">
    <xsl:variable name="n" select="local-name($d0)"/>
    <xsl:choose>
      <xsl:when test="$n = 'act' and $d0/@name = 'loi'">Loi</xsl:when>
      <xsl:when test="$n = 'act'">Texte juridique</xsl:when>
      <xsl:when test="$n = 'bill'">Projet ou proposition de loi</xsl:when>
      <xsl:when test="$n = 'documentCollection'">Recueil de documents</xsl:when>
      <xsl:when test="$n = 'portion'">Extrait de texte juridique</xsl:when>
      <xsl:when test="$n = 'debate' or $n = 'debateReport'">Débat</xsl:when>
      <xsl:when test="$n = 'judgment'">Décision de justice</xsl:when>
      <xsl:when test="$n = 'officialGazette'">Journal officiel</xsl:when>
      <xsl:when test="$n = 'amendment'">Amendement</xsl:when>
      <xsl:when test="$n = 'amendmentList'">Liste d’amendements</xsl:when>
      <xsl:when test="$n = 'statement'">Déclaration</xsl:when>
      <xsl:otherwise>Document juridique</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- FRBRlanguage codes to the lang attribute; unknown codes are left out. -->
  <xsl:template name="lang-code">
    <xsl:param name="code"/>
    <xsl:variable name="c" select="translate(substring(normalize-space($code), 1, 3), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')"/>
    <xsl:choose>
      <xsl:when test="$c = 'fra' or $c = 'fre' or starts-with($c, 'fr')">fr</xsl:when>
      <xsl:when test="$c = 'eng' or starts-with($c, 'en')">en</xsl:when>
      <xsl:when test="$c = 'ita' or starts-with($c, 'it')">it</xsl:when>
      <xsl:when test="$c = 'deu' or $c = 'ger' or starts-with($c, 'de')">de</xsl:when>
      <xsl:when test="$c = 'spa' or starts-with($c, 'es')">es</xsl:when>
      <xsl:when test="$c = 'por' or starts-with($c, 'pt')">pt</xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- ===== Titles (the extractor's order: shortTitle, docTitle,
       longTitle, then metadata) ===== -->

  <!-- A document's title as text: the first non-empty of shortTitle (in
       the preface), docTitle (anywhere in the document), longTitle; then
       the metadata's names (the page header picks the same element). -->
  <xsl:template name="doc-title">
    <xsl:param name="doc"/>
    <xsl:variable name="short" select="($doc/*[local-name() = 'preface'][1]//*[local-name() = 'shortTitle'])[1][normalize-space()]"/>
    <xsl:variable name="doc-title"
                  select="key('akn-doc-title', 'all')[count(ancestor::* | $doc) = count(ancestor::*)][1][normalize-space()]"/>
    <xsl:variable name="long" select="$doc/*[local-name() = 'preface'][1]/*[local-name() = 'longTitle'][1][normalize-space()]"/>
    <xsl:variable name="node" select="$short | $doc-title[not($short)] | $long[not($short or $doc-title)]"/>
    <xsl:variable name="m" select="$doc/*[local-name() = 'meta']"/>
    <xsl:variable name="w" select="$m/*[local-name() = 'identification']/*[local-name() = 'FRBRWork']"/>
    <xsl:choose>
      <xsl:when test="$node">
        <xsl:call-template name="label-text"><xsl:with-param name="node" select="$node"/></xsl:call-template>
      </xsl:when>
      <xsl:when test="normalize-space($m/*[local-name() = 'publication']/@showAs) != ''">
        <xsl:value-of select="normalize-space($m/*[local-name() = 'publication']/@showAs)"/>
      </xsl:when>
      <xsl:when test="normalize-space($w/*[local-name() = 'FRBRname']/@showAs) != ''">
        <xsl:value-of select="normalize-space($w/*[local-name() = 'FRBRname']/@showAs)"/>
      </xsl:when>
      <xsl:when test="normalize-space($w/*[local-name() = 'FRBRnumber']/@showAs) != ''">
        <xsl:value-of select="normalize-space($w/*[local-name() = 'FRBRnumber']/@showAs)"/>
      </xsl:when>
      <xsl:when test="normalize-space($w/*[local-name() = 'FRBRname']/@value) != ''">
        <xsl:value-of select="normalize-space($w/*[local-name() = 'FRBRname']/@value)"/>
      </xsl:when>
      <xsl:when test="normalize-space($doc/@name) != ''"><xsl:value-of select="normalize-space($doc/@name)"/></xsl:when>
      <xsl:otherwise>Document sans titre</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The text of `node` without its notes (authorialNote, note), as the
       extractor's labels are read. -->
  <xsl:template name="label-text">
    <xsl:param name="node"/>
    <xsl:variable name="t">
      <xsl:for-each select="$node//text()[not(ancestor::*[local-name() = 'authorialNote' or local-name() = 'note'])]">
        <xsl:value-of select="concat(., ' ')"/>
      </xsl:for-each>
    </xsl:variable>
    <xsl:value-of select="normalize-space($t)"/>
  </xsl:template>

  <!-- ===== A document that is only a PDF (extract_akn.cc: pdf_pointer) ===== -->

  <!-- The element holding the pointer: the first, in document order outside
       meta, whose src or href ends with ".pdf" (any case) before its query
       or fragment; else the manifestation when its format says pdf. -->
  <xsl:template name="pdf-only">
    <xsl:if test="not($anchors[@keep = '1'][@s = generate-id($d0)][@k != 'preambule'])">
      <xsl:variable name="holder"
                    select="($d0//*[not(ancestor-or-self::*[local-name() = 'meta'])]
                             [@src[translate(substring(substring-before(concat(substring-before(concat(., '?'), '?'), '#'), '#'), string-length(substring-before(concat(substring-before(concat(., '?'), '?'), '#'), '#')) - 3), 'PDF', 'pdf') = '.pdf']
                              or @href[translate(substring(substring-before(concat(substring-before(concat(., '?'), '?'), '#'), '#'), string-length(substring-before(concat(substring-before(concat(., '?'), '?'), '#'), '#')) - 3), 'PDF', 'pdf') = '.pdf']])[1]"/>
      <xsl:variable name="pointer">
        <xsl:call-template name="pdf-pointer"><xsl:with-param name="holder" select="$holder"/></xsl:call-template>
      </xsl:variable>
      <xsl:if test="$pointer != ''">
        <xsl:variable name="name">
          <xsl:choose>
            <xsl:when test="$holder/@alt and substring(translate($holder/@alt, 'PDF', 'pdf'), string-length($holder/@alt) - 3) = '.pdf'">
              <xsl:value-of select="$holder/@alt"/>
            </xsl:when>
            <xsl:otherwise>
              <xsl:call-template name="last-segment"><xsl:with-param name="path" select="$pointer"/></xsl:call-template>
            </xsl:otherwise>
          </xsl:choose>
        </xsl:variable>
        <p class="pdf-only">Le texte n’est disponible que sous forme de PDF : <span class="file"><xsl:value-of select="$name"/></span></p>
        <xsl:call-template name="metadata"/>
      </xsl:if>
    </xsl:if>
  </xsl:template>

  <xsl:template name="pdf-pointer">
    <xsl:param name="holder"/>
    <xsl:variable name="src"><xsl:call-template name="is-pdf"><xsl:with-param name="v" select="$holder/@src"/></xsl:call-template></xsl:variable>
    <xsl:variable name="href"><xsl:call-template name="is-pdf"><xsl:with-param name="v" select="$holder/@href"/></xsl:call-template></xsl:variable>
    <xsl:variable name="manifestation" select="$meta/*[local-name() = 'identification']/*[local-name() = 'FRBRManifestation']"/>
    <xsl:choose>
      <xsl:when test="$src = 'oui'"><xsl:value-of select="$holder/@src"/></xsl:when>
      <xsl:when test="$href = 'oui'"><xsl:value-of select="$holder/@href"/></xsl:when>
      <xsl:when test="contains($manifestation/*[local-name() = 'FRBRformat']/@value, 'pdf')">
        <xsl:choose>
          <xsl:when test="string($manifestation/*[local-name() = 'FRBRthis']/@value) != ''">
            <xsl:value-of select="$manifestation/*[local-name() = 'FRBRthis']/@value"/>
          </xsl:when>
          <xsl:otherwise><xsl:value-of select="$manifestation/*[local-name() = 'FRBRuri']/@value"/></xsl:otherwise>
        </xsl:choose>
      </xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- "oui" when v ends with ".pdf" (any case) before its query or fragment. -->
  <xsl:template name="is-pdf">
    <xsl:param name="v"/>
    <xsl:variable name="path" select="substring-before(concat(substring-before(concat($v, '?'), '?'), '#'), '#')"/>
    <xsl:if test="string-length($path) &gt;= 4
                  and translate(substring($path, string-length($path) - 3), 'PDF', 'pdf') = '.pdf'">oui</xsl:if>
  </xsl:template>

  <xsl:template name="last-segment">
    <xsl:param name="path"/>
    <xsl:choose>
      <xsl:when test="contains($path, '/')">
        <xsl:call-template name="last-segment"><xsl:with-param name="path" select="substring-after($path, '/')"/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$path"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- What the metadata says of a document with no text. -->
  <xsl:template name="metadata">
    <xsl:variable name="number" select="$work/*[local-name() = 'FRBRnumber']"/>
    <xsl:variable name="country" select="$work/*[local-name() = 'FRBRcountry']"/>
    <xsl:variable name="publication" select="$meta/*[local-name() = 'publication']/@showAs"/>
    <xsl:variable name="keywords" select="$meta/*[local-name() = 'classification']/*[local-name() = 'keyword']"/>
    <dl class="doc-meta">
      <xsl:if test="$number">
        <dt>Numéro</dt>
        <dd><xsl:value-of select="normalize-space(concat($number/@showAs, substring($number/@value, 1 div not(normalize-space($number/@showAs)))))"/></dd>
      </xsl:if>
      <xsl:if test="$country">
        <dt>Pays</dt>
        <dd><xsl:value-of select="normalize-space(concat($country/@showAs, substring($country/@value, 1 div not(normalize-space($country/@showAs)))))"/></dd>
      </xsl:if>
      <xsl:if test="normalize-space($publication) != ''">
        <dt>Publication</dt>
        <dd><xsl:value-of select="normalize-space($publication)"/></dd>
      </xsl:if>
      <xsl:if test="$keywords">
        <dt>Mots-clés</dt>
        <dd>
          <ul class="themes">
            <xsl:for-each select="$keywords">
              <li><xsl:value-of select="normalize-space(concat(@showAs, substring(@value, 1 div not(normalize-space(@showAs)))))"/></li>
            </xsl:for-each>
          </ul>
        </dd>
      </xsl:if>
    </dl>
  </xsl:template>

</xsl:stylesheet>

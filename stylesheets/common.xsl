<?xml version="1.0" encoding="UTF-8"?>
<!--
  @brief What every document page shares: the output method, the page header
  (type, title, date, demonstration notice), permalinks, French dates and
  labels, and whitespace squeezing of source text.

  Included by akn.xsl, tei.xsl and coopdec.xsl (xsl:include is resolved when
  the stylesheet is compiled, so it still works when the transform itself may
  read no file). Output contract of every stylesheet: one HTML5 fragment, a
  single <article class="doc doc-TYPE"> element, French labels, no style
  attribute and no script (the server's Content-Security-Policy forbids them),
  classes only. Every element that is a searchable unit carries id="ANCHOR",
  ANCHOR being exactly Unit::anchor of the extractor (indexer/extract_*.cc):
  permalinks /doc/ID#ANCHOR land there. tests/render_test.cc checks it for
  every file of the corpus and of the conformance files.
-->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:output method="html" encoding="UTF-8" indent="yes"/>

  <!-- The demonstration notice every demo document shows (README: « document
       de démonstration » in every result and page). -->
  <xsl:template name="demo-notice">
    <xsl:param name="text"/>
    <p class="demo-notice" role="note">
      <strong>Document de démonstration</strong>
      <xsl:text> — </xsl:text>
      <xsl:value-of select="normalize-space($text)"/>
    </p>
  </xsl:template>

  <!-- The page header: type line, title (h1), date, demonstration notice.
       `title` is text; `title-nodes`, when given, are rendered instead (mode
       inline, so that markup such as AKN refs survives). -->
  <xsl:template name="doc-header">
    <xsl:param name="type-label"/>
    <xsl:param name="title"/>
    <xsl:param name="title-nodes" select="/.."/>
    <xsl:param name="date"/>
    <xsl:param name="demo" select="false()"/>
    <xsl:param name="notice"/>
    <header class="doc-header">
      <p class="doc-type"><xsl:value-of select="$type-label"/></p>
      <h1>
        <xsl:choose>
          <xsl:when test="$title-nodes">
            <xsl:apply-templates select="$title-nodes" mode="inline"/>
          </xsl:when>
          <xsl:otherwise><xsl:value-of select="normalize-space($title)"/></xsl:otherwise>
        </xsl:choose>
      </h1>
      <xsl:if test="normalize-space($date) != ''">
        <p class="doc-date">
          <xsl:call-template name="time">
            <xsl:with-param name="date" select="$date"/>
          </xsl:call-template>
        </p>
      </xsl:if>
      <xsl:if test="$demo">
        <xsl:call-template name="demo-notice">
          <xsl:with-param name="text" select="$notice"/>
        </xsl:call-template>
      </xsl:if>
    </header>
  </xsl:template>

  <!-- The visible link to a unit: /doc/ID#anchor is what search results
       point to. -->
  <xsl:template name="permalink">
    <xsl:param name="anchor"/>
    <xsl:param name="label"/>
    <a class="permalink" href="#{$anchor}" aria-label="Lien vers {normalize-space($label)}">¶</a>
  </xsl:template>

  <!-- <time datetime="1991-09-21">21 septembre 1991</time> for a date
       YYYY, YYYY-MM or YYYY-MM-DD (a dateTime is cut to its date); any
       other text is shown as it is. -->
  <xsl:template name="time">
    <xsl:param name="date"/>
    <xsl:variable name="d" select="normalize-space($date)"/>
    <xsl:variable name="iso">
      <xsl:choose>
        <xsl:when test="string-length($d) &gt;= 10 and substring($d, 5, 1) = '-' and substring($d, 8, 1) = '-'
                        and translate(concat(substring($d, 1, 4), substring($d, 6, 2), substring($d, 9, 2)), '0123456789', '') = ''">
          <xsl:value-of select="substring($d, 1, 10)"/>
        </xsl:when>
        <xsl:when test="string-length($d) = 7 and substring($d, 5, 1) = '-'
                        and translate(concat(substring($d, 1, 4), substring($d, 6, 2)), '0123456789', '') = ''">
          <xsl:value-of select="$d"/>
        </xsl:when>
        <xsl:when test="string-length($d) = 4 and translate($d, '0123456789', '') = ''">
          <xsl:value-of select="$d"/>
        </xsl:when>
      </xsl:choose>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="$iso != ''">
        <time datetime="{$iso}">
          <xsl:call-template name="french-date">
            <xsl:with-param name="iso" select="$iso"/>
          </xsl:call-template>
        </time>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$d"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- "2019-06-26" → « 26 juin 2019 », "2019-06" → « juin 2019 »,
       "2019-06-01" → « 1er juin 2019 ». -->
  <xsl:template name="french-date">
    <xsl:param name="iso"/>
    <xsl:variable name="month" select="number(substring($iso, 6, 2))"/>
    <xsl:variable name="day" select="number(substring($iso, 9, 2))"/>
    <xsl:if test="string-length($iso) = 10">
      <xsl:value-of select="$day"/>
      <xsl:if test="$day = 1">er</xsl:if>
      <xsl:text> </xsl:text>
    </xsl:if>
    <xsl:if test="string-length($iso) &gt;= 7">
      <xsl:choose>
        <xsl:when test="$month = 1">janvier</xsl:when>
        <xsl:when test="$month = 2">février</xsl:when>
        <xsl:when test="$month = 3">mars</xsl:when>
        <xsl:when test="$month = 4">avril</xsl:when>
        <xsl:when test="$month = 5">mai</xsl:when>
        <xsl:when test="$month = 6">juin</xsl:when>
        <xsl:when test="$month = 7">juillet</xsl:when>
        <xsl:when test="$month = 8">août</xsl:when>
        <xsl:when test="$month = 9">septembre</xsl:when>
        <xsl:when test="$month = 10">octobre</xsl:when>
        <xsl:when test="$month = 11">novembre</xsl:when>
        <xsl:when test="$month = 12">décembre</xsl:when>
        <xsl:otherwise><xsl:value-of select="substring($iso, 6, 2)"/></xsl:otherwise>
      </xsl:choose>
      <xsl:text> </xsl:text>
    </xsl:if>
    <xsl:value-of select="substring($iso, 1, 4)"/>
  </xsl:template>

  <!-- Elements whose end is the end of a line of text: a space before
       their end tag is useless. -->
  <xsl:variable name="LINE-ENDS" select="' p heading num subheading td th li item caption longTitle titre u head '"/>

  <!-- The context text node with its runs of whitespace squeezed to one
       space, so that pretty-printed sources do not inflate the page. A run
       of whitespace may span several text nodes ("<i>a </i> <b> b</b>"):
       only the node holding its first character writes the space, so
       words stay apart and no double space is written. A space at the very
       start of the text, or before the end of a line (LINE-ENDS), is
       dropped. -->
  <xsl:template name="squeeze">
    <xsl:variable name="s" select="string(.)"/>
    <xsl:variable name="n" select="normalize-space($s)"/>
    <xsl:variable name="before" select="preceding::text()[1]"/>
    <xsl:variable name="after-word"
                  select="$before and normalize-space(substring($before, string-length($before))) != ''"/>
    <xsl:variable name="line-end"
                  select="not(following-sibling::node()) and contains($LINE-ENDS, concat(' ', local-name(..), ' '))"/>
    <xsl:choose>
      <xsl:when test="$n = ''">
        <xsl:if test="$after-word and $s != '' and not($line-end)"><xsl:text> </xsl:text></xsl:if>
      </xsl:when>
      <xsl:otherwise>
        <xsl:if test="$after-word and normalize-space(substring($s, 1, 1)) = ''"><xsl:text> </xsl:text></xsl:if>
        <xsl:value-of select="$n"/>
        <xsl:if test="not($line-end) and normalize-space(substring($s, string-length($s))) = ''"><xsl:text> </xsl:text></xsl:if>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A space before the context element when the text before it ends with
       a word ("2019.<note>…" → "2019. (…)"): notes, incidents and pauses
       separate words, as the extractors read them. -->
  <xsl:template name="space-before">
    <xsl:variable name="before" select="preceding::text()[1]"/>
    <xsl:if test="$before and normalize-space(substring($before, string-length($before))) != ''">
      <xsl:text> </xsl:text>
    </xsl:if>
  </xsl:template>

  <!-- A space after the context element, when text follows it in the same
       parent and squeeze will not write one: squeeze only looks at text
       nodes, and the element's output is not one ("<pause/>Nous",
       "important. <pause/> Nous" → "… Nous"). -->
  <xsl:template name="space-after">
    <xsl:variable name="after" select="following::text()[1]"/>
    <!-- The last text node before `after`: the element's own, else the one
         before it. Not a union filtered by [last()]: libxml2 2.9 evaluates a
         union filtered by [1] or [last()] by swapping its operands in the
         compiled expression, which every thread shares (xmlXPathCompSwap),
         and threads rendering at once then read a half-swapped union.
         tests/render_test.cc refuses that form in every stylesheet. -->
    <xsl:variable name="inner" select="descendant::text()[last()]"/>
    <xsl:variable name="last" select="$inner | preceding::text()[1][not($inner)]"/>
    <xsl:if test="following-sibling::node() and $after
                  and not(normalize-space(substring($after, 1, 1)) = ''
                          and normalize-space(substring($last, string-length($last))) != '')">
      <xsl:text> </xsl:text>
    </xsl:if>
  </xsl:template>

  <!-- "a | b" → "a, b": the items of a node-set, separated. -->
  <xsl:template name="join">
    <xsl:param name="items"/>
    <xsl:param name="separator" select="', '"/>
    <xsl:for-each select="$items">
      <xsl:if test="position() &gt; 1"><xsl:value-of select="$separator"/></xsl:if>
      <xsl:value-of select="normalize-space(.)"/>
    </xsl:for-each>
  </xsl:template>

  <!-- A themes list, shared by the project formats and TEI keywords. -->
  <xsl:template name="themes-list">
    <xsl:param name="themes"/>
    <ul class="themes">
      <xsl:for-each select="$themes">
        <li><xsl:value-of select="normalize-space(.)"/></li>
      </xsl:for-each>
    </ul>
  </xsl:template>

  <!-- A link to a partnership record page (/partenariat/ID). -->
  <xsl:template name="partnership-link">
    <xsl:param name="id"/>
    <a href="/partenariat/{normalize-space($id)}"><xsl:value-of select="normalize-space($id)"/></a>
  </xsl:template>

</xsl:stylesheet>

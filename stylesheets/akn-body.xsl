<?xml version="1.0" encoding="UTF-8"?>
<!--
  @brief Akoma Ntoso text → HTML: hierarchy, blocks, inline markup and the
  table of contents. Included by akn.xsl, after akn-anchors.xsl.

  Modes: "block" renders elements between paragraphs; "inline" inside a
  paragraph, heading or note, where nothing block-level may be written (a
  browser would close the <p>); "toc" the table of contents. A paragraph
  holding block content (a quoted structure in an amendment, a table in a
  note…) is written <div class="p"> so that the HTML stays valid. Every
  unit is written with a wrapper carrying its anchor, in whatever mode it is
  met; nothing else gets an id but headings' containers (akn-container-id).
-->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <!-- Element classes, by local name (" name name … "). -->
  <!-- Hierarchy levels that get an h2…h6 heading when they have a num. -->
  <xsl:variable name="BIG"
                select="' book tome part subpart title subtitle chapter subchapter division subdivision article section rule regulation hcontainer tblock '"/>
  <!-- Never written inside an HTML <p> or <span>. -->
  <xsl:variable name="BLOCKY"
                select="concat(' quotedStructure embeddedStructure table blockList blockContainer ul ol list point subFlow preamble ', $P, $B, $BIG, $BODY)"/>
  <!-- Wrappers with nothing of their own to show. -->
  <xsl:variable name="TRANSPARENT"
                select="' content components component collectionBody attachments attachment interstitial '"/>
  <!-- Inline elements: met between blocks, each is a paragraph of its own. -->
  <xsl:variable name="INLINE"
                select="' ref mref rref a i b u sup sub span inline del ins noteRef authorialNote date time term def abbr docType docNumber docDate docTitle docStage docPurpose docProponent docStatus docCommittee docIntroducer docJurisdiction docketNumber docAuthority person organization location concept object event process role quantity entity shortTitle fillIn placeholder omissis mod mmod quotedText img '"/>
  <!-- Kept as the HTML element of the same name. -->
  <xsl:variable name="HTML-INLINE" select="' i b u sup sub del ins '"/>

  <xsl:variable name="d0-id" select="generate-id($d0)"/>

  <!-- ===== Block mode ===== -->

  <xsl:template match="*" mode="block">
    <xsl:variable name="local" select="local-name()"/>
    <xsl:variable name="anchor"><xsl:call-template name="akn-unit-anchor"/></xsl:variable>
    <xsl:choose>
      <xsl:when test="$local = 'meta'"/>
      <xsl:when test="contains($D, concat(' ', $local, ' '))">
        <xsl:call-template name="document"/>
      </xsl:when>
      <xsl:when test="$anchor != '' or *[local-name() = 'num' or local-name() = 'heading' or local-name() = 'subheading']
                      or contains($BIG, concat(' ', $local, ' '))">
        <xsl:call-template name="hierarchy"><xsl:with-param name="anchor" select="$anchor"/></xsl:call-template>
      </xsl:when>
      <!-- Nothing to read (documentRef, componentRef, empty containers),
           unless an empty unit sits inside: its anchor must be there. -->
      <xsl:when test="normalize-space(.) = '' and not(.//*[contains($unit-gid-list, concat(' ', generate-id(), ' '))])"/>
      <xsl:when test="contains($TRANSPARENT, concat(' ', $local, ' '))">
        <xsl:apply-templates select="*|text()[normalize-space()]" mode="block"/>
      </xsl:when>
      <xsl:when test="contains($INLINE, concat(' ', $local, ' '))">
        <xsl:call-template name="paragraph">
          <xsl:with-param name="class" select="concat('akn-', $local)"/>
          <xsl:with-param name="nodes" select="."/>
        </xsl:call-template>
      </xsl:when>
      <xsl:when test="text()[normalize-space()]">
        <xsl:call-template name="paragraph"><xsl:with-param name="class" select="concat('akn-', $local)"/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <div class="akn-{$local}">
          <xsl:apply-templates select="*|text()[normalize-space()]" mode="block"/>
        </div>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The corpus's editorial placeholder for a part of the outline that is
       not known (<hcontainer name="emplacementNonConnu">): its heading is an
       editor's note, never a heading nor a level of the table of contents. -->
  <xsl:template match="*[local-name() = 'hcontainer'][@name = 'emplacementNonConnu']" mode="block" priority="2">
    <aside class="note-editeur" role="note">
      <p><strong>Note de l’éditeur :</strong><xsl:text> </xsl:text><xsl:apply-templates select="*[local-name() = 'heading'][1]/node()" mode="inline"/></p>
    </aside>
    <xsl:apply-templates select="*[local-name() != 'heading']" mode="block"/>
  </xsl:template>

  <xsl:template match="*[local-name() = 'hcontainer'][@name = 'emplacementNonConnu']" mode="toc" priority="2">
    <xsl:apply-templates select="*" mode="toc"/>
  </xsl:template>

  <xsl:template match="text()" mode="block">
    <xsl:call-template name="squeeze"/>
  </xsl:template>

  <xsl:template match="*[local-name() = 'p']" mode="block">
    <xsl:call-template name="paragraph"/>
  </xsl:template>

  <!-- A paragraph: `nodes` rendered inline in a <p>, or in a <div class="p">
       when they hold block content. -->
  <xsl:template name="paragraph">
    <xsl:param name="class"/>
    <xsl:param name="nodes" select="node()"/>
    <xsl:choose>
      <xsl:when test="$nodes/descendant-or-self::*[contains($BLOCKY, concat(' ', local-name(), ' '))]">
        <div class="{normalize-space(concat('p ', $class))}">
          <xsl:apply-templates select="$nodes" mode="inline"/>
        </div>
      </xsl:when>
      <xsl:otherwise>
        <p>
          <xsl:if test="$class != ''"><xsl:attribute name="class"><xsl:value-of select="$class"/></xsl:attribute></xsl:if>
          <xsl:apply-templates select="$nodes" mode="inline"/>
        </p>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The main document shows its content (its title is the page's); a
       nested one (component, attachment) is a section under its own title.
       A preface that only repeats the title is left out. -->
  <xsl:template name="document">
    <xsl:variable name="title"><xsl:call-template name="doc-title"><xsl:with-param name="doc" select="."/></xsl:call-template></xsl:variable>
    <xsl:variable name="content"
                  select="*[local-name() != 'meta']
                           [not(local-name() = 'preface' and normalize-space(.) = normalize-space($title)
                                and not(.//*[contains($unit-gid-list, concat(' ', generate-id(), ' '))]))]"/>
    <xsl:choose>
      <xsl:when test="generate-id() = $d0-id">
        <xsl:apply-templates select="$content" mode="block"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="id"><xsl:call-template name="akn-container-id"/></xsl:variable>
        <xsl:variable name="level"><xsl:call-template name="heading-level"/></xsl:variable>
        <section class="akn-doc">
          <xsl:if test="$id != ''"><xsl:attribute name="id"><xsl:value-of select="$id"/></xsl:attribute></xsl:if>
          <xsl:element name="{concat('h', $level)}">
            <xsl:value-of select="$title"/>
          </xsl:element>
          <xsl:apply-templates select="$content" mode="block"/>
        </section>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- h2 for the first level under the page title, one more per enclosing
       element that has a heading (nested documents included), h6 at most. -->
  <xsl:template name="heading-level">
    <xsl:variable name="n"
                  select="2 + count(ancestor::*[not(local-name() = 'hcontainer' and @name = 'emplacementNonConnu')]
                                              [(contains($D, concat(' ', local-name(), ' ')) and generate-id() != $d0-id)
                                               or *[local-name() = 'heading']
                                               or (*[local-name() = 'num'] and contains($BIG, concat(' ', local-name(), ' ')))])"/>
    <xsl:value-of select="$n * number($n &lt;= 6) + 6 * number($n &gt; 6)"/>
  </xsl:template>

  <!-- A level of the hierarchy (part, chapter, article, paragraph, point…)
       or a unit. With a heading (or a big level with a num): a section and
       an h2…h6 heading "num – heading"; else a div with its num first.
       Inside quoted text (an amendment's new wording), headings are plain
       paragraphs: they belong to another text's outline. -->
  <xsl:template name="hierarchy">
    <xsl:param name="anchor"/>
    <xsl:variable name="local" select="local-name()"/>
    <xsl:variable name="quoted" select="boolean(ancestor::*[contains($Q, concat(' ', local-name(), ' '))])"/>
    <xsl:variable name="num" select="*[local-name() = 'num'][1]"/>
    <xsl:variable name="heading" select="*[local-name() = 'heading'][1]"/>
    <xsl:variable name="titled" select="boolean($heading or ($num and contains($BIG, concat(' ', $local, ' '))))"/>
    <xsl:variable name="label">
      <xsl:if test="$anchor != ''"><xsl:call-template name="unit-label"/></xsl:if>
    </xsl:variable>
    <xsl:variable name="id">
      <xsl:choose>
        <xsl:when test="$anchor != ''"><xsl:value-of select="$anchor"/></xsl:when>
        <xsl:when test="$titled"><xsl:call-template name="akn-container-id"/></xsl:when>
      </xsl:choose>
    </xsl:variable>
    <xsl:element name="{substring('div', 1, 3 * number(not($titled)))}{substring('section', 1, 7 * number($titled))}">
      <xsl:attribute name="class"><xsl:value-of select="concat('akn-', $local)"/></xsl:attribute>
      <xsl:if test="$id != ''"><xsl:attribute name="id"><xsl:value-of select="$id"/></xsl:attribute></xsl:if>
      <xsl:choose>
        <xsl:when test="$titled">
          <xsl:variable name="level"><xsl:call-template name="heading-level"/></xsl:variable>
          <xsl:element name="{substring(concat('h', $level), 1, 2 * number(not($quoted)))}{substring('p', 1, number($quoted))}">
            <xsl:if test="$quoted"><xsl:attribute name="class">akn-heading</xsl:attribute></xsl:if>
            <xsl:if test="$num"><span class="num"><xsl:apply-templates select="$num/node()" mode="inline"/></span></xsl:if>
            <xsl:if test="$num and $heading"> – </xsl:if>
            <xsl:apply-templates select="$heading/node()" mode="inline"/>
            <xsl:if test="$anchor != ''">
              <xsl:text> </xsl:text>
              <xsl:call-template name="permalink">
                <xsl:with-param name="anchor" select="$anchor"/>
                <xsl:with-param name="label" select="$label"/>
              </xsl:call-template>
            </xsl:if>
          </xsl:element>
        </xsl:when>
        <xsl:when test="$anchor != '' and $num">
          <a class="num permalink" href="#{$anchor}" aria-label="Lien vers {$label}"><xsl:call-template name="label-text"><xsl:with-param name="node" select="$num"/></xsl:call-template></a>
        </xsl:when>
        <xsl:when test="$anchor != ''">
          <xsl:call-template name="permalink">
            <xsl:with-param name="anchor" select="$anchor"/>
            <xsl:with-param name="label" select="$label"/>
          </xsl:call-template>
        </xsl:when>
        <xsl:when test="$num">
          <span class="num"><xsl:apply-templates select="$num/node()" mode="inline"/></span>
        </xsl:when>
      </xsl:choose>
      <xsl:for-each select="*[local-name() = 'subheading']">
        <xsl:call-template name="paragraph"><xsl:with-param name="class" select="'akn-subheading'"/></xsl:call-template>
      </xsl:for-each>
      <!-- The rest; a second num or heading, if any, too. -->
      <xsl:apply-templates select="*[count(. | $num | $heading) != count($num | $heading)][local-name() != 'subheading']
                                   | text()[normalize-space()]" mode="block"/>
    </xsl:element>
  </xsl:template>

  <!-- How a reader names a unit or a level: "Article 46 – Rapport annuel…",
       else its heading, its num, its speaker, or its kind. -->
  <xsl:template name="unit-label">
    <xsl:variable name="num"><xsl:call-template name="label-text"><xsl:with-param name="node" select="*[local-name() = 'num'][1]"/></xsl:call-template></xsl:variable>
    <xsl:variable name="heading"><xsl:call-template name="label-text"><xsl:with-param name="node" select="*[local-name() = 'heading'][1]"/></xsl:call-template></xsl:variable>
    <xsl:variable name="from"><xsl:call-template name="label-text"><xsl:with-param name="node" select="*[local-name() = 'from'][1]"/></xsl:call-template></xsl:variable>
    <xsl:variable name="local" select="local-name()"/>
    <!-- A bare number says what it numbers, as the extractor's labels do:
         "Paragraphe 15", not "15". -->
    <xsl:variable name="kind">
      <xsl:if test="translate(substring($num, 1, 1), '0123456789', '') = '' and $num != ''">
        <xsl:choose>
          <xsl:when test="$local = 'article'">Article </xsl:when>
          <xsl:when test="$local = 'section'">Section </xsl:when>
          <xsl:when test="$local = 'rule'">Règle </xsl:when>
          <xsl:when test="$local = 'regulation'">Règlement </xsl:when>
          <xsl:when test="$local = 'paragraph'">Paragraphe </xsl:when>
        </xsl:choose>
      </xsl:if>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="$num != '' and $heading != ''"><xsl:value-of select="concat($kind, $num, ' – ', $heading)"/></xsl:when>
      <xsl:when test="$heading != ''"><xsl:value-of select="$heading"/></xsl:when>
      <xsl:when test="$num != ''"><xsl:value-of select="concat($kind, $num)"/></xsl:when>
      <xsl:when test="$from != ''"><xsl:value-of select="$from"/></xsl:when>
      <xsl:when test="$local = 'preamble'">Préambule</xsl:when>
      <xsl:when test="contains($BODY, concat(' ', $local, ' '))">Texte</xsl:when>
      <xsl:when test="$local = 'article'">Article</xsl:when>
      <xsl:when test="$local = 'rule'">Règle</xsl:when>
      <xsl:when test="$local = 'regulation'">Règlement</xsl:when>
      <xsl:when test="$local = 'paragraph'">Paragraphe</xsl:when>
      <xsl:when test="$local = 'tblock'">Bloc</xsl:when>
      <xsl:when test="$local = 'speech'">Intervention</xsl:when>
      <xsl:when test="$local = 'answer'">Réponse</xsl:when>
      <xsl:when test="$local = 'other'">Passage</xsl:when>
      <xsl:when test="$local = 'narrative'">Récit</xsl:when>
      <xsl:when test="$local = 'summary'">Résumé</xsl:when>
      <xsl:when test="$local = 'scene'">Scène</xsl:when>
      <xsl:otherwise><xsl:value-of select="concat(translate(substring($local, 1, 1), 'abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'), substring($local, 2))"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A preface: written only if something is left once the long title
       repeating the page title is taken out. -->
  <xsl:template match="*[local-name() = 'preface']" mode="block">
    <xsl:variable name="inner"><xsl:apply-templates select="*|text()[normalize-space()]" mode="block"/></xsl:variable>
    <xsl:if test="normalize-space($inner) != ''">
      <div class="akn-preface"><xsl:copy-of select="$inner"/></div>
    </xsl:if>
  </xsl:template>

  <xsl:template match="*[local-name() = 'longTitle']" mode="block">
    <xsl:variable name="title">
      <xsl:call-template name="doc-title">
        <xsl:with-param name="doc" select="ancestor::*[contains($D, concat(' ', local-name(), ' '))][1]"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:variable name="text"><xsl:call-template name="label-text"><xsl:with-param name="node" select="."/></xsl:call-template></xsl:variable>
    <xsl:if test="$text != $title">
      <div class="akn-longTitle"><xsl:apply-templates select="*|text()[normalize-space()]" mode="block"/></div>
    </xsl:if>
  </xsl:template>

  <!-- An amendment's quoted wording. -->
  <xsl:template match="*[local-name() = 'quotedStructure' or local-name() = 'embeddedStructure']" mode="block">
    <blockquote class="akn-quoted">
      <xsl:value-of select="@startQuote"/>
      <xsl:apply-templates select="*|text()[normalize-space()]" mode="block"/>
      <xsl:value-of select="@endQuote"/>
    </blockquote>
  </xsl:template>

  <!-- blockList: its introduction, a list of items, its wrap-up. -->
  <xsl:template match="*[local-name() = 'blockList']" mode="block">
    <div class="akn-blockList">
      <xsl:apply-templates select="*[local-name() = 'listIntroduction']" mode="block"/>
      <ul>
        <xsl:for-each select="*[local-name() = 'item']">
          <li>
            <xsl:if test="*[local-name() = 'num']">
              <span class="num"><xsl:apply-templates select="*[local-name() = 'num'][1]/node()" mode="inline"/></span>
              <xsl:text> </xsl:text>
            </xsl:if>
            <xsl:call-template name="cell-content"/>
          </li>
        </xsl:for-each>
      </ul>
      <xsl:apply-templates select="*[not(local-name() = 'listIntroduction' or local-name() = 'item')]" mode="block"/>
    </div>
  </xsl:template>

  <!-- Children of a cell or an item that may hold either text or blocks. -->
  <xsl:template name="cell-content">
    <xsl:choose>
      <xsl:when test="text()[normalize-space()]">
        <xsl:apply-templates select="node()[not(local-name() = 'num')]" mode="inline"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:apply-templates select="*[not(local-name() = 'num')]" mode="block"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="*[local-name() = 'ul' or local-name() = 'ol']" mode="block">
    <xsl:element name="{local-name()}">
      <xsl:for-each select="*">
        <li><xsl:call-template name="cell-content"/></li>
      </xsl:for-each>
    </xsl:element>
  </xsl:template>

  <xsl:template match="*[local-name() = 'table']" mode="block">
    <table class="akn-table">
      <xsl:for-each select="*[local-name() = 'caption']">
        <caption><xsl:apply-templates mode="inline"/></caption>
      </xsl:for-each>
      <xsl:for-each select="*[local-name() = 'tr']">
        <tr>
          <xsl:for-each select="*[local-name() = 'th' or local-name() = 'td']">
            <xsl:element name="{local-name()}">
              <xsl:if test="@colspan &gt; 1"><xsl:attribute name="colspan"><xsl:value-of select="floor(@colspan)"/></xsl:attribute></xsl:if>
              <xsl:if test="@rowspan &gt; 1"><xsl:attribute name="rowspan"><xsl:value-of select="floor(@rowspan)"/></xsl:attribute></xsl:if>
              <xsl:call-template name="cell-content"/>
            </xsl:element>
          </xsl:for-each>
        </tr>
      </xsl:for-each>
    </table>
  </xsl:template>

  <!-- ===== Inline mode ===== -->

  <xsl:template match="text()" mode="inline">
    <xsl:call-template name="squeeze"/>
  </xsl:template>

  <!-- i, b, sup…: kept; a unit or a block met inline: as a block (its
       enclosing paragraph is a div, see paragraph); anything else: its
       content. -->
  <xsl:template match="*" mode="inline">
    <xsl:variable name="local" select="local-name()"/>
    <xsl:choose>
      <xsl:when test="contains($BLOCKY, concat(' ', $local, ' '))">
        <xsl:apply-templates select="." mode="block"/>
      </xsl:when>
      <xsl:when test="contains($HTML-INLINE, concat(' ', $local, ' '))">
        <xsl:element name="{$local}"><xsl:apply-templates mode="inline"/></xsl:element>
      </xsl:when>
      <xsl:otherwise><xsl:apply-templates mode="inline"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="*[local-name() = 'meta']" mode="inline"/>

  <!-- A paragraph inside a note or a title. -->
  <xsl:template match="*[local-name() = 'p']" mode="inline">
    <xsl:choose>
      <xsl:when test="descendant::*[contains($BLOCKY, concat(' ', local-name(), ' '))]">
        <div class="p"><xsl:apply-templates mode="inline"/></div>
      </xsl:when>
      <xsl:otherwise>
        <xsl:text> </xsl:text>
        <span class="p"><xsl:apply-templates mode="inline"/></span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A reference: a link within the page when its target is there; an
       external one (/akn/… or http) is only named, with its address as a
       title, until the server resolves such references: never a dead link. -->
  <xsl:template match="*[local-name() = 'ref' or local-name() = 'a']" mode="inline">
    <xsl:variable name="href" select="normalize-space(@href)"/>
    <xsl:variable name="target">
      <xsl:if test="starts-with($href, '#')">
        <xsl:call-template name="internal-target"><xsl:with-param name="id" select="substring($href, 2)"/></xsl:call-template>
      </xsl:if>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="$target != ''">
        <a class="ref" href="#{$target}"><xsl:apply-templates mode="inline"/></a>
      </xsl:when>
      <xsl:when test="$href != '' and not(starts-with($href, '#'))">
        <span class="ref ref-externe" title="{$href}"><xsl:apply-templates mode="inline"/></span>
      </xsl:when>
      <xsl:otherwise><span class="ref"><xsl:apply-templates mode="inline"/></span></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The id written on the page for the element an internal ref points
       to, or "": a unit's anchor, or a heading container's id. -->
  <xsl:template name="internal-target">
    <xsl:param name="id"/>
    <xsl:choose>
      <xsl:when test="contains($unit-anchor-list, concat('|', $id, '|'))"><xsl:value-of select="$id"/></xsl:when>
      <xsl:otherwise>
        <xsl:for-each select="key('akn-id', $id)[1]">
          <xsl:if test="*[local-name() = 'heading'] or (*[local-name() = 'num'] and contains($BIG, concat(' ', local-name(), ' ')))
                        or contains($D, concat(' ', local-name(), ' '))">
            <xsl:call-template name="akn-container-id"/>
          </xsl:if>
        </xsl:for-each>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A note of the author, where it is called. -->
  <xsl:template match="*[local-name() = 'authorialNote']" mode="inline">
    <xsl:variable name="blocky" select="descendant::*[contains($BLOCKY, concat(' ', local-name(), ' '))]"/>
    <xsl:call-template name="space-before"/>
    <xsl:element name="{substring('span', 1, 4 * number(not($blocky)))}{substring('div', 1, 3 * number(boolean($blocky)))}">
      <xsl:attribute name="class">akn-note</xsl:attribute>
      <xsl:attribute name="role">note</xsl:attribute>
      <xsl:if test="normalize-space(@marker) != ''">
        <span class="marker"><xsl:value-of select="normalize-space(@marker)"/></span>
      </xsl:if>
      <xsl:apply-templates mode="inline"/>
    </xsl:element>
  </xsl:template>

  <!-- A call to an editorial note of meta (its text is not shown). -->
  <xsl:template match="*[local-name() = 'noteRef']" mode="inline">
    <xsl:if test="normalize-space(@marker) != ''">
      <sup class="noteref"><xsl:value-of select="normalize-space(@marker)"/></sup>
    </xsl:if>
  </xsl:template>

  <xsl:template match="*[local-name() = 'quotedText']" mode="inline">
    <xsl:value-of select="@startQuote"/>
    <xsl:apply-templates mode="inline"/>
    <xsl:value-of select="@endQuote"/>
  </xsl:template>

  <xsl:template match="*[local-name() = 'br']" mode="inline"><br/></xsl:template>

  <!-- A printed line or page end separates words ("della<eol/>Camera"). -->
  <xsl:template match="*[local-name() = 'eol' or local-name() = 'eop']" mode="inline">
    <xsl:variable name="before" select="preceding::text()[1]"/>
    <xsl:variable name="after" select="following::text()[1]"/>
    <xsl:if test="normalize-space(substring($before, string-length($before))) != ''
                  and normalize-space(substring($after, 1, 1)) != ''">
      <xsl:text> </xsl:text>
    </xsl:if>
  </xsl:template>

  <xsl:template match="*[local-name() = 'img']" mode="inline">
    <xsl:if test="normalize-space(@alt) != ''">
      <span class="akn-img"><xsl:value-of select="concat('[', normalize-space(@alt), ']')"/></span>
    </xsl:if>
  </xsl:template>

  <!-- ===== Table of contents ===== -->

  <!-- Units are entries; a level with a heading or a nested document is an
       entry holding the entries below it, when there are any. -->
  <xsl:template match="*" mode="toc">
    <xsl:variable name="local" select="local-name()"/>
    <xsl:if test="$local != 'meta' and not(contains($Q, concat(' ', $local, ' ')))">
      <xsl:variable name="anchor"><xsl:call-template name="akn-unit-anchor"/></xsl:variable>
      <xsl:choose>
        <xsl:when test="$anchor != ''">
          <li><a href="#{$anchor}"><xsl:call-template name="unit-label"/></a></li>
        </xsl:when>
        <xsl:when test="*[local-name() = 'heading'] or (*[local-name() = 'num'] and contains($BIG, concat(' ', $local, ' ')))
                        or (contains($D, concat(' ', $local, ' ')) and generate-id() != $d0-id)">
          <xsl:variable name="entries"><xsl:apply-templates select="*" mode="toc"/></xsl:variable>
          <xsl:if test="normalize-space($entries) != ''">
            <xsl:variable name="id"><xsl:call-template name="akn-container-id"/></xsl:variable>
            <xsl:variable name="label">
              <xsl:choose>
                <xsl:when test="contains($D, concat(' ', $local, ' '))">
                  <xsl:call-template name="doc-title"><xsl:with-param name="doc" select="."/></xsl:call-template>
                </xsl:when>
                <xsl:otherwise><xsl:call-template name="unit-label"/></xsl:otherwise>
              </xsl:choose>
            </xsl:variable>
            <li>
              <xsl:choose>
                <xsl:when test="$id != ''"><a href="#{$id}"><xsl:value-of select="$label"/></a></xsl:when>
                <xsl:otherwise><span><xsl:value-of select="$label"/></span></xsl:otherwise>
              </xsl:choose>
              <ol><xsl:copy-of select="$entries"/></ol>
            </li>
          </xsl:if>
        </xsl:when>
        <xsl:otherwise><xsl:apply-templates select="*" mode="toc"/></xsl:otherwise>
      </xsl:choose>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>

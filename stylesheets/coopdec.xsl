<?xml version="1.0" encoding="UTF-8"?>
<!--
  @brief The project's formats (urn:x-coopdec:corpus:1, corpus/README.md) →
  an HTML fragment: convention, partenariat, etude, repertoire.

  Anchors (indexer/extract_coopdec.cc): a clause or section unit is anchored
  by its @id, whitespace-normalised; ids are checked unique per document by
  the extractor and the schema, so the rule needs no disambiguation here.
  Sections nest: each section is a unit, its nested sections too.
-->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:cd="urn:x-coopdec:corpus:1"
                exclude-result-prefixes="cd">

  <xsl:include href="common.xsl"/>

  <xsl:template match="/">
    <xsl:apply-templates select="*"/>
  </xsl:template>

  <!-- A root this stylesheet does not know: its text, never dropped. -->
  <xsl:template match="/*">
    <article class="doc">
      <p><xsl:value-of select="normalize-space(.)"/></p>
    </article>
  </xsl:template>

  <!-- ===== Convention ===== -->

  <xsl:template match="/cd:convention">
    <article class="doc doc-convention">
      <xsl:call-template name="root-header">
        <xsl:with-param name="type-label" select="'Convention'"/>
        <xsl:with-param name="date" select="cd:date"/>
      </xsl:call-template>
      <dl class="doc-meta">
        <xsl:if test="cd:signataires/cd:signataire">
          <dt>Signataires</dt>
          <dd>
            <ul class="signataires">
              <xsl:for-each select="cd:signataires/cd:signataire">
                <li>
                  <xsl:value-of select="normalize-space(.)"/>
                  <xsl:call-template name="signatory-detail"/>
                </li>
              </xsl:for-each>
            </ul>
          </dd>
        </xsl:if>
        <xsl:if test="normalize-space(cd:lieu) != ''">
          <dt>Lieu de signature</dt>
          <dd><xsl:value-of select="normalize-space(cd:lieu)"/></dd>
        </xsl:if>
        <xsl:apply-templates select="cd:partenariats"/>
        <xsl:apply-templates select="cd:themes"/>
      </dl>
      <xsl:if test="count(cd:clause) &gt; 5">
        <nav class="toc" aria-label="Sommaire">
          <details open="open">
          <summary><h2>Sommaire</h2></summary>
          <ol>
            <xsl:for-each select="cd:clause">
              <li>
                <a href="#{normalize-space(@id)}"><xsl:call-template name="unit-label"/></a>
              </li>
            </xsl:for-each>
          </ol>
          </details>
        </nav>
      </xsl:if>
      <xsl:if test="cd:preambule">
        <section class="preambule">
          <h2>Préambule</h2>
          <xsl:apply-templates select="cd:preambule/cd:p"/>
        </section>
      </xsl:if>
      <xsl:apply-templates select="cd:clause"/>
      <xsl:apply-templates select="cd:sources"/>
    </article>
  </xsl:template>

  <!-- " (maire, Kloto 1)": the signatory's role and the local government
       they sign for, as the extractor's signatories list says it. -->
  <xsl:template name="signatory-detail">
    <xsl:variable name="role">
      <xsl:call-template name="signatory-role">
        <xsl:with-param name="role" select="normalize-space(@role)"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:variable name="of" select="normalize-space(@collectivite)"/>
    <xsl:if test="$role != '' or $of != ''">
      <xsl:text> </xsl:text>
      <span class="detail">
        <xsl:text>(</xsl:text>
        <xsl:value-of select="$role"/>
        <xsl:if test="$role != '' and $of != ''">, </xsl:if>
        <xsl:value-of select="$of"/>
        <xsl:text>)</xsl:text>
      </span>
    </xsl:if>
  </xsl:template>

  <!-- The role tokens of signataire/@role, in words. -->
  <xsl:template name="signatory-role">
    <xsl:param name="role"/>
    <xsl:choose>
      <xsl:when test="$role = 'president'">président</xsl:when>
      <xsl:when test="$role = 'president-conseil'">président du conseil</xsl:when>
      <xsl:when test="$role = 'president-delegation-speciale'">président de la délégation spéciale</xsl:when>
      <xsl:when test="$role = 'buergermeister'">Bürgermeister</xsl:when>
      <xsl:when test="$role = 'chef-canton'">chef de canton</xsl:when>
      <xsl:when test="$role = 'chef-village'">chef de village</xsl:when>
      <xsl:when test="$role = 'depute-provincial'">député provincial</xsl:when>
      <xsl:when test="$role = 'landrat'">Landrat</xsl:when>
      <xsl:otherwise><xsl:value-of select="translate($role, '-', ' ')"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A clause or section's label: "Article 1 – Objet", as Unit::label. -->
  <xsl:template name="unit-label">
    <xsl:variable name="num" select="normalize-space(@num)"/>
    <xsl:variable name="title" select="normalize-space(cd:titre)"/>
    <xsl:value-of select="$num"/>
    <xsl:if test="$num != '' and $title != ''"> – </xsl:if>
    <xsl:value-of select="$title"/>
  </xsl:template>

  <xsl:template match="cd:clause">
    <xsl:variable name="label"><xsl:call-template name="unit-label"/></xsl:variable>
    <section class="clause" id="{normalize-space(@id)}">
      <h2>
        <xsl:value-of select="$label"/>
        <xsl:text> </xsl:text>
        <xsl:call-template name="permalink">
          <xsl:with-param name="anchor" select="normalize-space(@id)"/>
          <xsl:with-param name="label" select="$label"/>
        </xsl:call-template>
      </h2>
      <xsl:apply-templates select="cd:p"/>
    </section>
  </xsl:template>

  <!-- ===== Partenariat ===== -->

  <xsl:template match="/cd:partenariat">
    <article class="doc doc-partenariat">
      <xsl:call-template name="root-header">
        <xsl:with-param name="type-label" select="'Partenariat'"/>
        <xsl:with-param name="date" select="''"/>
      </xsl:call-template>
      <dl class="doc-meta">
        <dt>Collectivités togolaises</dt>
        <dd>
          <ul class="collectivites">
            <xsl:for-each select="cd:collectivites/cd:collectivite">
              <li>
                <xsl:value-of select="normalize-space(.)"/>
                <xsl:if test="@verifie = 'non'">
                  <xsl:text> </xsl:text>
                  <span class="non-verifie">(commune de 2019 non confirmée)</span>
                </xsl:if>
              </li>
            </xsl:for-each>
          </ul>
        </dd>
        <dt>Partenaire</dt>
        <dd><xsl:value-of select="normalize-space(cd:partenaire)"/></dd>
        <dt>Niveau</dt>
        <dd><xsl:call-template name="level-label"><xsl:with-param name="level" select="normalize-space(cd:partenaire/@niveau)"/></xsl:call-template></dd>
        <dt>Pays</dt>
        <dd><xsl:call-template name="country-label"><xsl:with-param name="code" select="normalize-space(cd:partenaire/@pays)"/></xsl:call-template></dd>
        <dt>Nature</dt>
        <dd><xsl:call-template name="nature-label"><xsl:with-param name="nature" select="normalize-space(cd:nature)"/></xsl:call-template></dd>
        <dt>Période</dt>
        <dd><xsl:apply-templates select="cd:periode"/></dd>
        <dt>Statut</dt>
        <dd><xsl:call-template name="status-label"><xsl:with-param name="status" select="normalize-space(cd:statut)"/></xsl:call-template></dd>
        <xsl:apply-templates select="cd:themes"/>
      </dl>
      <xsl:apply-templates select="cd:divergence"/>
      <xsl:if test="cd:description">
        <section class="description">
          <h2>Description</h2>
          <xsl:apply-templates select="cd:description/cd:p"/>
        </section>
      </xsl:if>
      <xsl:apply-templates select="cd:sources"/>
    </article>
  </xsl:template>

  <!-- Where the sources disagree: said plainly, never resolved silently. -->
  <xsl:template match="cd:divergence">
    <xsl:variable name="text" select="normalize-space(.)"/>
    <p class="divergence">
      <xsl:if test="not(starts-with($text, 'Les sources divergent'))">Les sources divergent : </xsl:if>
      <xsl:value-of select="$text"/>
    </p>
  </xsl:template>

  <!-- « depuis 1958 », « 2001–2012 », « jusqu’en 2007 », « inconnue ». -->
  <xsl:template match="cd:periode">
    <xsl:variable name="from" select="normalize-space(@debut)"/>
    <xsl:variable name="to" select="normalize-space(@fin)"/>
    <xsl:choose>
      <xsl:when test="$from != '' and $to != ''"><xsl:value-of select="concat($from, '–', $to)"/></xsl:when>
      <xsl:when test="$from != ''"><xsl:value-of select="concat('depuis ', $from)"/></xsl:when>
      <xsl:when test="$to != ''"><xsl:value-of select="concat('jusqu’en ', $to)"/></xsl:when>
      <xsl:otherwise>inconnue</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="level-label">
    <xsl:param name="level"/>
    <xsl:choose>
      <xsl:when test="$level = 'commune'">commune</xsl:when>
      <xsl:when test="$level = 'intercommunalite'">intercommunalité</xsl:when>
      <xsl:when test="$level = 'communes'">plusieurs communes</xsl:when>
      <xsl:when test="$level = 'departement'">département</xsl:when>
      <xsl:when test="$level = 'region'">région</xsl:when>
      <xsl:when test="$level = 'etat-federe'">État fédéré</xsl:when>
      <xsl:when test="$level = 'autre'">autre</xsl:when>
      <xsl:otherwise><xsl:value-of select="$level"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="nature-label">
    <xsl:param name="nature"/>
    <xsl:choose>
      <xsl:when test="$nature = 'jumelage'">jumelage</xsl:when>
      <xsl:when test="$nature = 'cooperation'">coopération</xsl:when>
      <xsl:when test="$nature = 'convention-cadre'">convention-cadre</xsl:when>
      <xsl:when test="$nature = 'amitie'">amitié</xsl:when>
      <xsl:when test="$nature = 'autre'">autre</xsl:when>
      <xsl:otherwise><xsl:value-of select="$nature"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="status-label">
    <xsl:param name="status"/>
    <xsl:choose>
      <xsl:when test="$status = 'actif'">actif</xsl:when>
      <xsl:when test="$status = 'arrete'">arrêté</xsl:when>
      <xsl:when test="$status = 'inconnu'">inconnu</xsl:when>
      <xsl:otherwise><xsl:value-of select="$status"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The countries of the corpus by name; any other code as it is. -->
  <xsl:template name="country-label">
    <xsl:param name="code"/>
    <xsl:choose>
      <xsl:when test="$code = 'FR'">France</xsl:when>
      <xsl:when test="$code = 'DE'">Allemagne</xsl:when>
      <xsl:when test="$code = 'BE'">Belgique</xsl:when>
      <xsl:when test="$code = 'CA'">Canada</xsl:when>
      <xsl:when test="$code = 'BF'">Burkina Faso</xsl:when>
      <xsl:when test="$code = 'BJ'">Bénin</xsl:when>
      <xsl:when test="$code = 'SN'">Sénégal</xsl:when>
      <xsl:when test="$code = 'CI'">Côte d’Ivoire</xsl:when>
      <xsl:when test="$code = 'MA'">Maroc</xsl:when>
      <xsl:when test="$code = 'IT'">Italie</xsl:when>
      <xsl:when test="$code = 'TG'">Togo</xsl:when>
      <xsl:otherwise><xsl:value-of select="$code"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ===== Étude ===== -->

  <xsl:template match="/cd:etude">
    <article class="doc doc-etude">
      <xsl:call-template name="root-header">
        <xsl:with-param name="type-label" select="'Étude'"/>
        <xsl:with-param name="date" select="cd:date"/>
      </xsl:call-template>
      <dl class="doc-meta">
        <dt>
          <xsl:choose>
            <xsl:when test="count(cd:auteur) &gt; 1">Auteurs</xsl:when>
            <xsl:otherwise>Auteur</xsl:otherwise>
          </xsl:choose>
        </dt>
        <dd>
          <xsl:call-template name="join">
            <xsl:with-param name="items" select="cd:auteur"/>
            <xsl:with-param name="separator" select="' ; '"/>
          </xsl:call-template>
        </dd>
        <xsl:apply-templates select="cd:partenariats"/>
        <xsl:apply-templates select="cd:themes"/>
      </dl>
      <xsl:if test="count(.//cd:section) &gt; 5">
        <nav class="toc" aria-label="Sommaire">
          <details open="open">
          <summary><h2>Sommaire</h2></summary>
          <xsl:call-template name="section-toc">
            <xsl:with-param name="sections" select="cd:section"/>
          </xsl:call-template>
          </details>
        </nav>
      </xsl:if>
      <xsl:apply-templates select="cd:section"/>
      <xsl:apply-templates select="cd:sources"/>
    </article>
  </xsl:template>

  <xsl:template name="section-toc">
    <xsl:param name="sections"/>
    <ol>
      <xsl:for-each select="$sections">
        <li>
          <a href="#{normalize-space(@id)}"><xsl:call-template name="unit-label"/></a>
          <xsl:if test="cd:section">
            <xsl:call-template name="section-toc">
              <xsl:with-param name="sections" select="cd:section"/>
            </xsl:call-template>
          </xsl:if>
        </li>
      </xsl:for-each>
    </ol>
  </xsl:template>

  <!-- A section; h2 at the top level, one level deeper per nesting, h6 at
       most. Its paragraphs and notes come before its nested sections. -->
  <xsl:template match="cd:section">
    <xsl:variable name="label"><xsl:call-template name="unit-label"/></xsl:variable>
    <xsl:variable name="depth" select="count(ancestor::cd:section)"/>
    <section class="section" id="{normalize-space(@id)}">
      <xsl:element name="{concat('h', 2 + $depth * number($depth &lt; 4) + 4 * number($depth &gt;= 4))}">
        <xsl:value-of select="$label"/>
        <xsl:text> </xsl:text>
        <xsl:call-template name="permalink">
          <xsl:with-param name="anchor" select="normalize-space(@id)"/>
          <xsl:with-param name="label" select="$label"/>
        </xsl:call-template>
      </xsl:element>
      <xsl:apply-templates select="cd:p | cd:note | cd:section"/>
    </section>
  </xsl:template>

  <!-- A footnote of the preceding paragraph, with its number as printed. -->
  <xsl:template match="cd:note">
    <aside class="note" role="note">
      <xsl:if test="normalize-space(@n) != ''">
        <span class="note-num"><xsl:value-of select="normalize-space(@n)"/></span>
        <xsl:text> </xsl:text>
      </xsl:if>
      <xsl:value-of select="normalize-space(.)"/>
    </aside>
  </xsl:template>

  <!-- ===== Répertoire ===== -->

  <xsl:template match="/cd:repertoire">
    <article class="doc doc-repertoire">
      <xsl:call-template name="root-header">
        <xsl:with-param name="type-label" select="'Répertoire'"/>
        <xsl:with-param name="date" select="''"/>
      </xsl:call-template>
      <xsl:for-each select="cd:region">
        <section class="region">
          <h2>Région <xsl:value-of select="normalize-space(@nom)"/></h2>
          <xsl:call-template name="aliases"/>
          <xsl:for-each select="cd:prefecture">
            <section class="prefecture">
              <h3>
                <xsl:text>Préfecture </xsl:text>
                <xsl:value-of select="normalize-space(@nom)"/>
                <xsl:if test="normalize-space(@chefLieu) != ''">
                  <xsl:text> </xsl:text>
                  <span class="chef-lieu">(chef-lieu : <xsl:value-of select="normalize-space(@chefLieu)"/>)</span>
                </xsl:if>
              </h3>
              <xsl:call-template name="aliases"/>
              <ul class="communes">
                <xsl:for-each select="cd:commune">
                  <li>
                    <xsl:value-of select="normalize-space(@nom)"/>
                    <xsl:if test="@prodegol = 'oui'">
                      <xsl:text> </xsl:text>
                      <span class="prodegol">(ProDeGoL)</span>
                    </xsl:if>
                    <xsl:call-template name="aliases"/>
                  </li>
                </xsl:for-each>
              </ul>
            </section>
          </xsl:for-each>
        </section>
      </xsl:for-each>
      <xsl:apply-templates select="cd:sources"/>
    </article>
  </xsl:template>

  <!-- « aussi : Dapaong (ancien nom), Tone 1 »: after a commune's name, or
       as a paragraph under a région's or préfecture's heading. -->
  <xsl:template name="aliases">
    <xsl:if test="cd:alias">
      <xsl:if test="self::cd:commune"><xsl:text> </xsl:text></xsl:if>
      <xsl:element name="{substring('span', 1, 4 * number(boolean(self::cd:commune)))}{substring('p', 1, number(not(self::cd:commune)))}">
        <xsl:attribute name="class">aliases</xsl:attribute>
        <xsl:text>aussi : </xsl:text>
        <xsl:for-each select="cd:alias">
          <xsl:if test="position() &gt; 1">, </xsl:if>
          <xsl:value-of select="normalize-space(.)"/>
          <xsl:if test="@type = 'ancien-nom'"> (ancien nom)</xsl:if>
        </xsl:for-each>
      </xsl:element>
    </xsl:if>
  </xsl:template>

  <!-- ===== Shared parts ===== -->

  <!-- Header of any project-format root: type, titre, date, avertissement. -->
  <xsl:template name="root-header">
    <xsl:param name="type-label"/>
    <xsl:param name="date"/>
    <xsl:call-template name="doc-header">
      <xsl:with-param name="type-label" select="$type-label"/>
      <xsl:with-param name="title" select="cd:titre"/>
      <xsl:with-param name="date" select="$date"/>
      <xsl:with-param name="demo" select="@demo = 'oui'"/>
      <xsl:with-param name="notice" select="cd:avertissement"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="cd:partenariats">
    <dt>
      <xsl:choose>
        <xsl:when test="count(cd:partenariat) &gt; 1">Partenariats</xsl:when>
        <xsl:otherwise>Partenariat</xsl:otherwise>
      </xsl:choose>
    </dt>
    <dd>
      <ul class="partenariats">
        <xsl:for-each select="cd:partenariat">
          <li>
            <xsl:call-template name="partnership-link">
              <xsl:with-param name="id" select="@ref"/>
            </xsl:call-template>
          </li>
        </xsl:for-each>
      </ul>
    </dd>
  </xsl:template>

  <xsl:template match="cd:themes">
    <dt>Thèmes</dt>
    <dd>
      <xsl:call-template name="themes-list">
        <xsl:with-param name="themes" select="cd:theme"/>
      </xsl:call-template>
    </dd>
  </xsl:template>

  <xsl:template match="cd:p">
    <p><xsl:value-of select="normalize-space(.)"/></p>
  </xsl:template>

  <!-- Sources: a link when the source has a URL. External sites get neither
       our referrer nor a handle on our window. -->
  <xsl:template match="cd:sources">
    <section class="sources">
      <h2>Sources</h2>
      <ul>
        <xsl:for-each select="cd:source">
          <li>
            <xsl:choose>
              <xsl:when test="starts-with(normalize-space(@href), 'http://') or starts-with(normalize-space(@href), 'https://')">
                <a href="{normalize-space(@href)}" rel="noopener noreferrer"><xsl:value-of select="normalize-space(.)"/></a>
              </xsl:when>
              <xsl:otherwise><xsl:value-of select="normalize-space(.)"/></xsl:otherwise>
            </xsl:choose>
          </li>
        </xsl:for-each>
      </ul>
    </section>
  </xsl:template>

</xsl:stylesheet>
